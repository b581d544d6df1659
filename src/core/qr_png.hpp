#pragma once
// QR code (二维码) images: libqrencode for the symbol, libpng for the file.
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace skillreg {

// A PNG (1-bit grayscale, black on white) of a QR code holding exactly the bytes of `text`
// in byte mode at error-correction level M (15 % of the symbol may be damaged). Each module is
// `module_pixels` square pixels (1–32); the white border is `quiet_zone` modules (0–16; the QR
// standard asks for 4). The image is (symbol width + 2 × quiet_zone) × module_pixels square.
// A validation error when `text` is empty or does not fit the largest symbol (2 331 bytes at
// level M).
Result<std::string> qr_png(std::string_view text, int module_pixels = 4, int quiet_zone = 4);

}  // namespace skillreg
