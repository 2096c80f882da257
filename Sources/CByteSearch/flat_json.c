#include <string.h>
#include <stdint.h>
#include "byte_search.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// The line is read in blocks of 64 bytes: for each, one mask of its quotes and one of its
// unplain bytes (16 bytes per SSE2 step, or one at a time in the scalar reader). Any unplain
// byte ends the reading; the quotes, taken two at a time, bound the strings, whose contents then
// cost nothing more. Between strings, the gaps a log writer leaves (": " after a key, ", " after
// a value) are one two-byte compare; any other gap (a number, other spacing) is read one byte at
// a time by the grammar below. The state lives in locals, so the per-line path touches no memory
// but the line.

enum phase {
  // A key's opening quote comes next, after spaces (after '{' or ',').
  phase_key,
  // Inside a key.
  phase_in_key,
  // After a key: spaces, ':', spaces, a value.
  phase_colon,
  // Inside a string value.
  phase_in_value,
  // After a value: spaces, then ',' and a key, or '}' and the end of the line.
  phase_after_value,
  // After the closing brace.
  phase_closed,
};

static inline size_t skip_spaces(const uint8_t *line, size_t cursor, size_t end) {
  while (cursor < end && line[cursor] == ' ') cursor++;
  return cursor;
}

static inline int digits(const uint8_t *line, size_t *cursor, size_t end) {
  size_t start = *cursor;
  while (*cursor < end && (uint8_t)(line[*cursor] - '0') < 10) (*cursor)++;
  return *cursor > start;
}

// A value that is no string, at *cursor (< end): -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?,
// true, false or null.
static inline int literal(const uint8_t *line, size_t *cursor, size_t end) {
  size_t at = *cursor;
  const char *word = NULL;
  switch (line[at]) {
  case 't': word = "true"; break;
  case 'f': word = "false"; break;
  case 'n': word = "null"; break;
  default: break;
  }
  if (word) {
    size_t length = strlen(word);
    if (end - at < length || memcmp(line + at, word, length) != 0) return 0;
    *cursor = at + length;
    return 1;
  }
  if (line[at] == '-') at++;
  if (at >= end) return 0;
  if (line[at] == '0') {
    at++;
  } else if (!digits(line, &at, end)) {
    return 0;
  }
  if (at < end && line[at] == '.') {
    at++;
    if (!digits(line, &at, end)) return 0;
  }
  if (at < end && (line[at] | 0x20) == 'e') {
    at++;
    if (at < end && (line[at] == '+' || line[at] == '-')) at++;
    if (!digits(line, &at, end)) return 0;
  }
  *cursor = at;
  return 1;
}

// The bytes between strings, [cursor, end), in *phase: 1 when they fit it and a string may
// open at end (at_quote) or the line may end there; *phase is then the string's, or closed.
__attribute__((always_inline)) static inline int structure(const uint8_t *line, size_t cursor,
                                                          size_t end, int at_quote,
                                                          enum phase *phase) {
  switch (*phase) {
  case phase_key:
    cursor = skip_spaces(line, cursor, end);
    if (cursor != end || !at_quote) return 0;
    *phase = phase_in_key;
    return 1;
  case phase_colon:
    cursor = skip_spaces(line, cursor, end);
    if (cursor >= end || line[cursor] != ':') return 0;
    cursor = skip_spaces(line, cursor + 1, end);
    if (cursor == end) {
      *phase = phase_in_value;
      return at_quote;
    }
    if (!literal(line, &cursor, end)) return 0;
    break;
  case phase_after_value:
    break;
  default:
    return 0;
  }
  cursor = skip_spaces(line, cursor, end);
  if (cursor >= end) return 0;
  if (line[cursor] == ',') {
    cursor = skip_spaces(line, cursor + 1, end);
    if (cursor != end || !at_quote) return 0;
    *phase = phase_in_key;
    return 1;
  }
  if (line[cursor] != '}') return 0;
  cursor = skip_spaces(line, cursor + 1, end);
  *phase = phase_closed;
  return cursor == end && !at_quote;
}

// The masks of one block of up to 64 bytes at `block`: bit i for byte i.
typedef struct {
  uint64_t quotes;
  uint64_t unplain;
} block_masks;

static inline block_masks masks_scalar(const uint8_t *block, size_t count) {
  block_masks masks = {0, 0};
  for (size_t index = 0; index < count; index++) {
    uint8_t byte = block[index];
    if (byte == '"') masks.quotes |= (uint64_t)1 << index;
    if (byte == '\\' || byte < 0x20 || byte >= 0x80) masks.unplain |= (uint64_t)1 << index;
  }
  return masks;
}

#if defined(__SSE2__)
static inline block_masks masks_sse2_whole(const uint8_t *block) {
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  // Signed, 0x20 > byte holds for the bytes below 0x20 and for those of 0x80 and above.
  const __m128i space = _mm_set1_epi8(0x20);
  block_masks masks = {0, 0};
  for (int part = 0; part < 4; part++) {
    __m128i bytes = _mm_loadu_si128((const __m128i *)(block + 16 * part));
    uint64_t quotes = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, quote));
    __m128i unplain = _mm_or_si128(_mm_cmpeq_epi8(bytes, backslash), _mm_cmpgt_epi8(space, bytes));
    uint64_t unplains = (uint16_t)_mm_movemask_epi8(unplain);
    masks.quotes |= quotes << (16 * part);
    masks.unplain |= unplains << (16 * part);
  }
  return masks;
}

// The masks of the `count` bytes at `block`, the last of a line of `length` bytes.
static inline block_masks masks_sse2(const uint8_t *block, size_t count, size_t length) {
  if (count == 64) return masks_sse2_whole(block);
  if (length >= 64) {
    // The 64 bytes that end the line, the bits of those before `block` shifted out.
    block_masks masks = masks_sse2_whole(block + count - 64);
    masks.quotes >>= 64 - count;
    masks.unplain >>= 64 - count;
    return masks;
  }
  // A short line: letters after its last byte, which are neither quotes nor unplain.
  uint8_t padded[64];
  memset(padded, 'a', sizeof padded);
  memcpy(padded, block, count);
  return masks_sse2_whole(padded);
}
#endif

// Reads the string whose contents are [open + 1, close): a key sets whether it is `when`, a
// value of `when` is kept; the phase moves to what follows the string.
static inline void read_string(const uint8_t *line, size_t open, size_t close, enum phase *phase,
                               int *key_is_when, size_t *start, size_t *end, int *found) {
  if (*phase == phase_in_key) {
    *key_is_when = close - open == 5 && memcmp(line + open + 1, "when", 4) == 0;
    *phase = phase_colon;
  } else {
    if (*key_is_when) {
      *start = open + 1;
      *end = close;
      *found = 1;
    }
    *phase = phase_after_value;
  }
}

// With `finds_end`, `length` is what is available and the line ends at the first unplain byte,
// which must be a `\n` or a `\r` before one (anything else refuses the line, and so does the
// end of what is available); `*line_length` is then the line's length without them.
static inline int last_when(const uint8_t *line, size_t length, size_t *start, size_t *end,
                            int uses_vectors, int finds_end, size_t *line_length) {
  if (length == 0 || line[0] != '{') return 0;
  int ended = 0;
  enum phase phase = phase_key;
  // The first byte after the last string read; the opening quote of a string that goes on
  // into the next block (none: SIZE_MAX).
  size_t position = 1, open = SIZE_MAX;
  int key_is_when = 0, found = 0;
  uint16_t colon_gap, comma_gap;
  memcpy(&colon_gap, ": ", 2);
  memcpy(&comma_gap, ", ", 2);
  for (size_t block = 0; block < length; block += 64) {
    size_t count = length - block < 64 ? length - block : 64;
    block_masks masks;
#if defined(__SSE2__)
    masks = uses_vectors ? masks_sse2(line + block, count, length)
                         : masks_scalar(line + block, count);
#else
    (void)uses_vectors;
    masks = masks_scalar(line + block, count);
#endif
    if (masks.unplain) {
      if (!finds_end) return 0;
      size_t first = block + (size_t)__builtin_ctzll(masks.unplain);
      if (line[first] == '\r') {
        if (first + 1 >= length || line[first + 1] != '\n') return 0;
      } else if (line[first] != '\n') {
        return 0;
      }
      // The line is [0, first): the quotes from there on belong to the next one.
      masks.quotes &= ((uint64_t)1 << (first - block)) - 1;
      length = first;
      ended = 1;
    }
    uint64_t quotes = masks.quotes;
    // Plain strings hold no quote: quotes pair up, an opening one and the closing one.
    if (open != SIZE_MAX) {
      if (!quotes) continue;
      size_t close = block + (size_t)__builtin_ctzll(quotes);
      quotes &= quotes - 1;
      read_string(line, open, close, &phase, &key_is_when, start, end, &found);
      position = close + 1;
      open = SIZE_MAX;
    }
    while (quotes) {
      size_t opening = block + (size_t)__builtin_ctzll(quotes);
      quotes &= quotes - 1;
      // The gaps a log writer leaves, `: ` after a key and `, ` after a value, in one compare.
      uint16_t gap = 0;
      if (opening - position == 2) memcpy(&gap, line + position, 2);
      if (gap == colon_gap && phase == phase_colon) {
        phase = phase_in_value;
      } else if (gap == comma_gap && phase == phase_after_value) {
        phase = phase_in_key;
      } else if (!structure(line, position, opening, 1, &phase)) {
        return 0;
      }
      if (!quotes) {
        open = opening;
        break;
      }
      size_t close = block + (size_t)__builtin_ctzll(quotes);
      quotes &= quotes - 1;
      read_string(line, opening, close, &phase, &key_is_when, start, end, &found);
      position = close + 1;
    }
    if (ended) break;
  }
  if (finds_end && !ended) return 0;
  if (open != SIZE_MAX || !structure(line, position, length, 0, &phase)) return 0;
  if (finds_end) *line_length = length;
  return found;
}

int flat_json_last_when(const uint8_t *line, size_t length, size_t *start, size_t *end) {
  return last_when(line, length, start, end, 1, 0, NULL);
}

int flat_json_last_when_scalar(const uint8_t *line, size_t length, size_t *start, size_t *end) {
  return last_when(line, length, start, end, 0, 0, NULL);
}

int flat_json_line_last_when(const uint8_t *bytes, size_t available, size_t *line_length,
                             size_t *start, size_t *end) {
  return last_when(bytes, available, start, end, 1, 1, line_length);
}

int flat_json_line_last_when_scalar(const uint8_t *bytes, size_t available, size_t *line_length,
                                    size_t *start, size_t *end) {
  return last_when(bytes, available, start, end, 0, 1, line_length);
}
