#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H
// PCRE2 selects its code unit width with a macro; logs are bytes, so 8.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Macros Swift cannot import as values.
static inline PCRE2_SIZE cpcre2_unset(void) { return PCRE2_UNSET; }
static inline PCRE2_SIZE cpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
#endif
