#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 and deflateInit2 are macros over the versioned functions.
static inline int czlib_inflate_init_gzip(z_streamp stream) {
  // 15 window bits + 32: detect a zlib or gzip header automatically.
  return inflateInit2(stream, 15 + 32);
}
static inline int czlib_deflate_init_gzip(z_streamp stream, int level) {
  // 15 window bits + 16: write a gzip header.
  return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
