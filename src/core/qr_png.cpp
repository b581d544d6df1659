#include "core/qr_png.hpp"

#include <png.h>
#include <qrencode.h>

#include <cerrno>
#include <csetjmp>
#include <memory>
#include <vector>

namespace skillreg {

namespace {

struct QrFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

void append_to_string(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

void flush_nothing(png_structp) {}

// libpng reports errors by longjmp back here, so this frame holds only trivially destructible
// objects: a longjmp over a destructor would skip it. `rows` are packed 1-bit rows.
bool write_png(std::string& out, png_uint_32 side, const std::vector<png_bytep>& rows) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (png == nullptr) return false;
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, &out, append_to_string, flush_nothing);
  png_set_IHDR(png, info, side, side, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  png_write_image(png, const_cast<png_bytepp>(rows.data()));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

Result<std::string> qr_png(std::string_view text, int module_pixels, int quiet_zone) {
  if (module_pixels < 1 || module_pixels > 32) return invalid({{"module_pixels", "out_of_range"}});
  if (quiet_zone < 0 || quiet_zone > 16) return invalid({{"quiet_zone", "out_of_range"}});
  if (text.empty()) return invalid({{"text", "required"}});
  errno = 0;
  const std::unique_ptr<QRcode, QrFree> qr(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!qr) {
    if (errno == ERANGE) return invalid({{"text", "too_long_for_qr_code"}});
    return fail(ErrorKind::internal, "二维码生成失败", "QR code encoding failed");
  }

  const int modules = qr->width + 2 * quiet_zone;
  const int side = modules * module_pixels;
  const std::size_t row_bytes = (static_cast<std::size_t>(side) + 7) / 8;
  // Bit 1 is white in 1-bit grayscale; start all white and clear the dark modules' pixels.
  std::vector<unsigned char> pixels(row_bytes * static_cast<std::size_t>(side), 0xFF);
  for (int my = 0; my < qr->width; ++my) {
    for (int mx = 0; mx < qr->width; ++mx) {
      if ((qr->data[my * qr->width + mx] & 1) == 0) continue;  // bit 0 set: a dark module
      for (int dy = 0; dy < module_pixels; ++dy) {
        const std::size_t y = static_cast<std::size_t>((my + quiet_zone) * module_pixels + dy);
        for (int dx = 0; dx < module_pixels; ++dx) {
          const std::size_t x = static_cast<std::size_t>((mx + quiet_zone) * module_pixels + dx);
          pixels[y * row_bytes + x / 8] &= static_cast<unsigned char>(~(0x80u >> (x % 8)));
        }
      }
    }
  }
  std::vector<png_bytep> rows(static_cast<std::size_t>(side));
  for (std::size_t y = 0; y < rows.size(); ++y) rows[y] = pixels.data() + y * row_bytes;

  std::string out;
  if (!write_png(out, static_cast<png_uint_32>(side), rows))
    return fail(ErrorKind::internal, "二维码图片生成失败", "QR code PNG encoding failed");
  return out;
}

}  // namespace skillreg
