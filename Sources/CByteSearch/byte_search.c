#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "byte_search.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define BYTE_SEARCH_X86 1
#endif

const void *byte_search_memmem(const void *haystack, size_t haystack_length, const void *needle,
                               size_t needle_length) {
  return memmem(haystack, haystack_length, needle, needle_length);
}

int byte_search_contains(const uint8_t *haystack, size_t haystack_length, const uint8_t *needle,
                         size_t needle_length) {
  if (needle_length == 0) return 1;
  if (haystack_length < needle_length) return 0;
  // memmem(3) prepares its search on every call, which costs more than a short message takes
  // to read; up to 256 bytes, the needle's first byte is looked for with memchr instead.
  if (haystack_length > 256) return memmem(haystack, haystack_length, needle, needle_length) != NULL;
  const uint8_t *at = haystack;
  const uint8_t *last = haystack + (haystack_length - needle_length);
  while (at <= last) {
    at = memchr(at, needle[0], (size_t)(last - at) + 1);
    if (!at) return 0;
    if (memcmp(at + 1, needle + 1, needle_length - 1) == 0) return 1;
    at++;
  }
  return 0;
}

// The "packed pair" search (as in the memchr crate and ripgrep): for each literal, the pair of
// adjacent bytes least likely in log text is compared at every position of the haystack, 32
// (AVX2) or 16 (SSE2) positions per step, and only positions where some pair matches are
// verified with memcmp. One pass serves every literal, however many there are.

enum { max_vector_pairs = 16 };

typedef struct {
  uint8_t first;
  uint8_t second;
  // True for a one-byte literal: the second byte is not compared.
  int is_single;
} byte_pair;

typedef struct {
  uint8_t *bytes;
  size_t length;
  // The offset of the literal's pair in it.
  size_t pair_offset;
} literal;

struct byte_search_set {
  literal *literals;
  size_t literal_count;
  byte_pair pairs[max_vector_pairs];
  size_t pair_count;
  int uses_avx2;
};

// How common a byte is in log text, 0 (never seen) to 255 (everywhere): timestamps, pids and
// English words make digits, punctuation of the header and lowercase letters common.
static int byte_rank(uint8_t byte) {
  static const uint8_t lowercase[26] = {
      210, 130, 170, 175, 220, 150, 145, 185, 205, 50,  100, 180, 160,
      200, 205, 150, 40,  195, 200, 215, 165, 110, 140, 60,  140, 40};
  if (byte == ' ') return 255;
  if (byte >= '0' && byte <= '9') return 240;
  if (byte >= 'a' && byte <= 'z') return lowercase[byte - 'a'];
  if (byte >= 'A' && byte <= 'Z') return 30 + lowercase[byte - 'A'] / 4;
  switch (byte) {
  case '/': case ':': case '-': case '(': case ')': case '.': case '[': case ']': case ',':
  case '_': case '\'': case '=': case '%':
    return 200;
  default:
    return byte < 0x80 ? 30 : 20;
  }
}

byte_search_set *byte_search_set_create(const uint8_t *const *literals, const size_t *lengths,
                                        size_t count) {
  byte_search_set *set = calloc(1, sizeof *set);
  if (!set) return NULL;
  set->literals = calloc(count ? count : 1, sizeof *set->literals);
  if (!set->literals) {
    free(set);
    return NULL;
  }
  for (size_t index = 0; index < count; index++) {
    size_t length = lengths[index];
    literal *entry = &set->literals[index];
    entry->bytes = malloc(length ? length : 1);
    set->literal_count = index + 1;
    if (length == 0 || !entry->bytes) {
      byte_search_set_free(set);
      return NULL;
    }
    memcpy(entry->bytes, literals[index], length);
    entry->length = length;
    byte_pair pair = {entry->bytes[0], 0, 1};
    if (length > 1) {
      int best = 1 << 20;
      for (size_t offset = 0; offset + 1 < length; offset++) {
        int score = byte_rank(entry->bytes[offset]) + byte_rank(entry->bytes[offset + 1]);
        if (score < best) {
          best = score;
          entry->pair_offset = offset;
        }
      }
      pair = (byte_pair){entry->bytes[entry->pair_offset], entry->bytes[entry->pair_offset + 1], 0};
    }
    // Past `max_vector_pairs` distinct pairs the vector loop cannot hold them: `pair_count`
    // then stays above it, and the search checks every position without vectors.
    size_t found = 0;
    if (set->pair_count <= max_vector_pairs) {
      while (found < set->pair_count &&
             (set->pairs[found].first != pair.first || set->pairs[found].second != pair.second ||
              set->pairs[found].is_single != pair.is_single)) {
        found++;
      }
      if (found == set->pair_count) {
        if (set->pair_count == max_vector_pairs) {
          set->pair_count = max_vector_pairs + 1;
        } else {
          set->pairs[set->pair_count++] = pair;
        }
      }
    }
  }
#if BYTE_SEARCH_X86
  __builtin_cpu_init();
  set->uses_avx2 = __builtin_cpu_supports("avx2");
#endif
  return set;
}

void byte_search_set_free(byte_search_set *set) {
  if (!set) return;
  for (size_t index = 0; index < set->literal_count; index++) free(set->literals[index].bytes);
  free(set->literals);
  free(set);
}

// The occurrence whose pair sits at `position`, if any literal's does.
static inline const uint8_t *verify(const byte_search_set *set, const uint8_t *haystack,
                                    size_t length, size_t position) {
  for (size_t index = 0; index < set->literal_count; index++) {
    const literal *entry = &set->literals[index];
    if (position < entry->pair_offset || haystack[position] != entry->bytes[entry->pair_offset]) {
      continue;
    }
    size_t start = position - entry->pair_offset;
    if (entry->length > length - start) continue;
    if (memcmp(haystack + start, entry->bytes, entry->length) == 0) return haystack + start;
  }
  return NULL;
}

const uint8_t *byte_search_set_find_scalar(const byte_search_set *set, const uint8_t *haystack,
                                           size_t length) {
  for (size_t position = 0; position < length; position++) {
    const uint8_t *hit = verify(set, haystack, length, position);
    if (hit) return hit;
  }
  return NULL;
}

#if BYTE_SEARCH_X86
// The AVX2 loop for `pairs` pairs and `singles` single bytes; always inlined with constant
// counts, so that each variant is unrolled and keeps its needles in registers.
__attribute__((target("avx2"), always_inline)) static inline const uint8_t *
find_avx2_unrolled(const byte_search_set *set, const uint8_t *haystack, size_t length,
                   size_t *done, const __m256i *firsts, const __m256i *seconds,
                   const __m256i *singles, size_t pairs, size_t single_count) {
  size_t position = 0;
  // The second load reads up to position + 32, so the loop stops 33 bytes before the end.
  for (; position + 33 <= length; position += 32) {
    __m256i here = _mm256_loadu_si256((const __m256i *)(haystack + position));
    __m256i next = _mm256_loadu_si256((const __m256i *)(haystack + position + 1));
    __m256i any = _mm256_setzero_si256();
    for (size_t index = 0; index < pairs; index++) {
      __m256i first = _mm256_cmpeq_epi8(here, firsts[index]);
      any = _mm256_or_si256(any, _mm256_and_si256(first, _mm256_cmpeq_epi8(next, seconds[index])));
    }
    for (size_t index = 0; index < single_count; index++) {
      any = _mm256_or_si256(any, _mm256_cmpeq_epi8(here, singles[index]));
    }
    uint32_t bits = (uint32_t)_mm256_movemask_epi8(any);
    while (bits) {
      const uint8_t *hit = verify(set, haystack, length, position + __builtin_ctz(bits));
      if (hit) return hit;
      bits &= bits - 1;
    }
  }
  *done = position;
  return NULL;
}

__attribute__((target("avx2"))) static const uint8_t *
find_avx2(const byte_search_set *set, const uint8_t *haystack, size_t length, size_t *done) {
  // Pairs and single bytes apart, so that the loop over each has no branch.
  __m256i firsts[max_vector_pairs], seconds[max_vector_pairs], singles[max_vector_pairs];
  size_t pairs = 0, single_count = 0;
  for (size_t index = 0; index < set->pair_count; index++) {
    if (set->pairs[index].is_single) {
      singles[single_count++] = _mm256_set1_epi8((char)set->pairs[index].first);
    } else {
      firsts[pairs] = _mm256_set1_epi8((char)set->pairs[index].first);
      seconds[pairs++] = _mm256_set1_epi8((char)set->pairs[index].second);
    }
  }
  // Up to eight pairs and no single byte (the usual catalogue): an unrolled loop per count.
#define BYTE_SEARCH_PAIRS(count)                                                                  \
  case count:                                                                                     \
    return find_avx2_unrolled(set, haystack, length, done, firsts, seconds, singles, count, 0);
  if (single_count == 0) {
    switch (pairs) {
      BYTE_SEARCH_PAIRS(1)
      BYTE_SEARCH_PAIRS(2)
      BYTE_SEARCH_PAIRS(3)
      BYTE_SEARCH_PAIRS(4)
      BYTE_SEARCH_PAIRS(5)
      BYTE_SEARCH_PAIRS(6)
      BYTE_SEARCH_PAIRS(7)
      BYTE_SEARCH_PAIRS(8)
    default:
      break;
    }
  }
#undef BYTE_SEARCH_PAIRS
  return find_avx2_unrolled(set, haystack, length, done, firsts, seconds, singles, pairs,
                            single_count);
}

static const uint8_t *find_sse2(const byte_search_set *set, const uint8_t *haystack,
                                size_t length, size_t *done) {
  // Pairs and single bytes apart, so that the loop over each has no branch.
  __m128i firsts[max_vector_pairs], seconds[max_vector_pairs], singles[max_vector_pairs];
  size_t pairs = 0, single_count = 0;
  for (size_t index = 0; index < set->pair_count; index++) {
    if (set->pairs[index].is_single) {
      singles[single_count++] = _mm_set1_epi8((char)set->pairs[index].first);
    } else {
      firsts[pairs] = _mm_set1_epi8((char)set->pairs[index].first);
      seconds[pairs++] = _mm_set1_epi8((char)set->pairs[index].second);
    }
  }
  size_t position = 0;
  // The second load reads up to position + 16, so the loop stops 17 bytes before the end.
  for (; position + 17 <= length; position += 16) {
    __m128i here = _mm_loadu_si128((const __m128i *)(haystack + position));
    __m128i next = _mm_loadu_si128((const __m128i *)(haystack + position + 1));
    __m128i any = _mm_setzero_si128();
    for (size_t index = 0; index < pairs; index++) {
      any = _mm_or_si128(any, _mm_and_si128(_mm_cmpeq_epi8(here, firsts[index]), _mm_cmpeq_epi8(next, seconds[index])));
    }
    for (size_t index = 0; index < single_count; index++) {
      any = _mm_or_si128(any, _mm_cmpeq_epi8(here, singles[index]));
    }
    uint32_t bits = (uint32_t)_mm_movemask_epi8(any);
    while (bits) {
      const uint8_t *hit = verify(set, haystack, length, position + __builtin_ctz(bits));
      if (hit) return hit;
      bits &= bits - 1;
    }
  }
  *done = position;
  return NULL;
}
#endif

const uint8_t *byte_search_set_find(const byte_search_set *set, const uint8_t *haystack,
                                    size_t length) {
  size_t done = 0;
#if BYTE_SEARCH_X86
  if (set->pair_count <= max_vector_pairs) {
    const uint8_t *hit = set->uses_avx2 ? find_avx2(set, haystack, length, &done)
                                        : find_sse2(set, haystack, length, &done);
    if (hit) return hit;
  }
#endif
  // The tail (and every position without vector instructions): each position checked in turn.
  for (size_t position = done; position < length; position++) {
    const uint8_t *hit = verify(set, haystack, length, position);
    if (hit) return hit;
  }
  return NULL;
}
