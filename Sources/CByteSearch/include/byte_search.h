#ifndef CBYTESEARCH_H
#define CBYTESEARCH_H
#include <stddef.h>

/// memmem(3), which glibc declares only under _GNU_SOURCE and Swift's Glibc module hides.
const void *byte_search_memmem(const void *haystack, size_t haystack_length, const void *needle,
                               size_t needle_length);
#endif
