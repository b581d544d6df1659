// QR code PNGs (core/qr_png): a real PNG, the stated size, and the modules libqrencode chose.
#include "core/qr_png.hpp"

#include <gtest/gtest.h>
#include <png.h>
#include <qrencode.h>

#include <cstdint>
#include <vector>

namespace skillreg {
namespace {

std::uint32_t be32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

struct Ihdr {
  std::uint32_t width, height;
  int bit_depth, color_type;
};

Ihdr ihdr(const std::string& png) {
  // Signature (8), then the first chunk: length (4), "IHDR", width, height, depth, colour type.
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  return {be32(png, 16), be32(png, 20), png[24], png[25]};
}

const std::string kPngSignature("\x89PNG\r\n\x1a\n", 8);

TEST(QrPng, IsAOneBitGrayscalePngOfTheStatedSize) {
  const auto png = qr_png("hello");  // 5 bytes: version 1, 21 modules
  ASSERT_TRUE(png.has_value());
  EXPECT_EQ(png->substr(0, 8), kPngSignature);
  const Ihdr h = ihdr(*png);
  EXPECT_EQ(h.width, (21u + 2 * 4) * 4);
  EXPECT_EQ(h.height, h.width);
  EXPECT_EQ(h.bit_depth, 1);
  EXPECT_EQ(h.color_type, PNG_COLOR_TYPE_GRAY);
}

TEST(QrPng, ModuleSizeAndQuietZoneSetTheSize) {
  EXPECT_EQ(ihdr(*qr_png("hello", 1, 0)).width, 21u);
  EXPECT_EQ(ihdr(*qr_png("hello", 3, 2)).width, (21u + 4) * 3);
}

TEST(QrPng, EveryPixelIsTheModuleLibqrencodeChose) {
  const std::string text = "SKR1.5byAlOW-jnzkvaDlpb0.0123456789abcdef.AAAA";
  const int px = 3, quiet = 4;
  const auto png = qr_png(text, px, quiet);
  ASSERT_TRUE(png.has_value());

  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  ASSERT_TRUE(png_image_begin_read_from_memory(&image, png->data(), png->size()));
  image.format = PNG_FORMAT_GRAY;
  std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
  ASSERT_TRUE(png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr));

  QRcode* qr =
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
  ASSERT_NE(qr, nullptr);
  const int side = (qr->width + 2 * quiet) * px;
  ASSERT_EQ(static_cast<int>(image.width), side);
  int wrong = 0;
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const int mx = x / px - quiet, my = y / px - quiet;
      const bool inside = mx >= 0 && my >= 0 && mx < qr->width && my < qr->width;
      const bool dark = inside && (qr->data[my * qr->width + mx] & 1);
      if (pixels[static_cast<std::size_t>(y * side + x)] != (dark ? 0 : 255)) ++wrong;
    }
  }
  QRcode_free(qr);
  EXPECT_EQ(wrong, 0);
}

TEST(QrPng, TheLargestSymbolHolds2331BytesAndNoMore) {
  const auto largest = qr_png(std::string(2331, 'x'));
  ASSERT_TRUE(largest.has_value());
  EXPECT_EQ(ihdr(*largest).width, (177u + 8) * 4);  // version 40

  const auto too_long = qr_png(std::string(2332, 'x'));
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().kind, ErrorKind::validation_failed);
  EXPECT_EQ(too_long.error().details.at(0).problem, "too_long_for_qr_code");
}

TEST(QrPng, RefusesEmptyTextAndSillySizes) {
  EXPECT_FALSE(qr_png("").has_value());
  EXPECT_FALSE(qr_png("x", 0).has_value());
  EXPECT_FALSE(qr_png("x", 33).has_value());
  EXPECT_FALSE(qr_png("x", 4, -1).has_value());
  EXPECT_FALSE(qr_png("x", 4, 17).has_value());
}

}  // namespace
}  // namespace skillreg
