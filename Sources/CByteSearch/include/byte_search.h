#ifndef CBYTESEARCH_H
#define CBYTESEARCH_H
#include <stddef.h>
#include <stdint.h>

/// memmem(3), which glibc declares only under _GNU_SOURCE and Swift's Glibc module hides.
const void *byte_search_memmem(const void *haystack, size_t haystack_length, const void *needle,
                               size_t needle_length);

/// 1 when `needle` lies in `haystack` (always for an empty needle), else 0: memmem(3) for long
/// haystacks, a scan for the needle's first byte for short ones (a message), where memmem's
/// preparation costs more than the search.
int byte_search_contains(const uint8_t *haystack, size_t haystack_length, const uint8_t *needle,
                         size_t needle_length);

/// A set of literals searched for together in one pass (see byte_search_set_find).
typedef struct byte_search_set byte_search_set;

/// Builds a set from `count` literals (copied); NULL when out of memory or a literal is empty.
byte_search_set *byte_search_set_create(const uint8_t *const *literals, const size_t *lengths,
                                        size_t count);

/// Releases a set made by byte_search_set_create.
void byte_search_set_free(byte_search_set *set);

/// Where to look first in each literal: the offset of its rarest pair of adjacent bytes.

/// The start of an occurrence of one of the set's literals lying wholly in
/// [haystack, haystack + length), or NULL. Occurrences are looked for in the order of their
/// rare pairs, so the one returned is the first whose pair comes first; any occurrence that
/// starts before it also has its pair after the returned one's.
const uint8_t *byte_search_set_find(const byte_search_set *set, const uint8_t *haystack,
                                    size_t length);

/// The same search without vector instructions, for tests that compare the two.
const uint8_t *byte_search_set_find_scalar(const byte_search_set *set, const uint8_t *haystack,
                                           size_t length);

/// Reads `line` as one flat JSON object of plain ASCII text, in one pass: returns 1 and the
/// bounds of the contents of its last "when" string value in *start and *end, or 0.
///
/// Plain: no backslash, no byte below 0x20 and none of 0x80 and above, anywhere. Flat: the
/// values are strings, numbers (JSON's grammar), true, false or null; only spaces separate
/// tokens; nothing follows the closing brace but spaces. Every other line gives 0.
int flat_json_last_when(const uint8_t *line, size_t length, size_t *start, size_t *end);

/// The same reader finding quotes and unplain bytes one byte at a time, for tests that
/// compare the two.
int flat_json_last_when_scalar(const uint8_t *line, size_t length, size_t *start, size_t *end);

/// `flat_json_last_when` of the line that starts `bytes`, found in the same pass: the line ends
/// at its first byte that is not plain, which must be a `\n` or a `\r` followed by one, within
/// `available` bytes (1 with the line's length, without them, in *line_length); any other
/// byte, or no end within `available`, gives 0, as a line that is not plain and flat does.
int flat_json_line_last_when(const uint8_t *bytes, size_t available, size_t *line_length,
                             size_t *start, size_t *end);

/// The same, one byte at a time, for tests that compare the two.
int flat_json_line_last_when_scalar(const uint8_t *bytes, size_t available, size_t *line_length,
                                    size_t *start, size_t *end);
#endif
