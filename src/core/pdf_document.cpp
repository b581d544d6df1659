#include "core/pdf_document.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace skillreg::pdf {

namespace {

// Page geometry in PostScript points (1/72 inch): A4, 25 mm margins.
constexpr double kPageWidth = 595.275590551;
constexpr double kPageHeight = 841.889763780;
constexpr double kMargin = 70.866141732;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kTextBottom = kPageHeight - kMargin;
constexpr double kPageNumberCentre = kPageHeight - 28;  // about 10 mm above the bottom edge

constexpr const char* kFontFamily = "Noto Serif CJK SC";
constexpr double kLineSpacing = 1.25;  // baseline to baseline, as a multiple of the line's height

// Vertical gaps in points; a gap at the top of a page is dropped.
constexpr double kTitleGap = 12;
constexpr double kNumberGap = 6;
constexpr double kHeaderGap = 28;
constexpr double kSectionGap = 10;
constexpr double kSignatureGap = 36;

struct TextStyle {
  double size;  // points: 22 is 二号, 16 is 三号, 10.5 is 五号
  bool bold = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool body = false;  // justified, first line of each paragraph indented by two characters
};

constexpr TextStyle kIssuerStyle{.size = 22, .align = PANGO_ALIGN_CENTER};
constexpr TextStyle kTitleStyle{.size = 22, .bold = true, .align = PANGO_ALIGN_CENTER};
constexpr TextStyle kNumberStyle{.size = 16, .align = PANGO_ALIGN_CENTER};
constexpr TextStyle kPlainStyle{.size = 16};
constexpr TextStyle kBodyStyle{.size = 16, .body = true};
constexpr TextStyle kLabelStyle{.size = 16, .bold = true};
constexpr TextStyle kSignatureStyle{.size = 16, .align = PANGO_ALIGN_RIGHT};
constexpr TextStyle kPageFootStyle{.size = 10.5, .align = PANGO_ALIGN_CENTER};

struct SurfaceFree {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoFree {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct GObjectFree {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct FontFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
struct IterFree {
  void operator()(PangoLayoutIter* iter) const { pango_layout_iter_free(iter); }
};
struct GFree {
  void operator()(gchar* text) const { g_free(text); }
};

using LayoutPtr = std::unique_ptr<PangoLayout, GObjectFree>;

// One laid-out piece of text: a header line, a paragraph, a section label, the signature.
struct Block {
  LayoutPtr layout;
  double gap_before = 0;
  bool keep_with_next = false;  // moves to the next page unless the next block's first line fits
};

// One line of a block, measured in points relative to the block's layout.
struct LineBox {
  PangoLayoutLine* line;  // owned by the block's layout
  double x;               // of the line's origin, after alignment and indent
  double ascent;          // from the top of the line to its baseline
  double height;
};

struct PlacedLine {
  PangoLayoutLine* line;
  double x;
  double baseline;
};
using Page = std::vector<PlacedLine>;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// g_utf8_make_valid puts one U+FFFD in place of each byte that is not part of valid UTF-8, NUL
// included, so Pango never sees bad text.
std::string valid_utf8(std::string_view text) {
  const std::unique_ptr<gchar, GFree> fixed(
      g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
  return fixed.get();
}

LayoutPtr make_layout(PangoContext* context, std::string_view text, const TextStyle& style) {
  LayoutPtr layout(pango_layout_new(context));
  const std::unique_ptr<PangoFontDescription, FontFree> font(pango_font_description_new());
  pango_font_description_set_family(font.get(), kFontFamily);
  pango_font_description_set_weight(font.get(),
                                    style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_size(font.get(), pango_units_from_double(style.size));
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), pango_units_from_double(kTextWidth));
  // A run without break opportunities (a long number, a URL) breaks between characters rather
  // than running past the margin.
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), style.align);
  if (style.body) {
    pango_layout_set_indent(layout.get(), pango_units_from_double(2 * style.size));
    pango_layout_set_justify(layout.get(), TRUE);
  }
  const std::string valid = valid_utf8(text);
  pango_layout_set_text(layout.get(), valid.c_str(), static_cast<int>(valid.size()));
  return layout;
}

std::vector<Block> document_blocks(PangoContext* context, const OfficialDocument& doc) {
  std::vector<Block> blocks;
  const auto add = [&](std::string_view text, const TextStyle& style, double gap_before,
                       bool keep_with_next = false) {
    blocks.push_back({make_layout(context, text, style), gap_before, keep_with_next});
  };
  if (!doc.issuer.empty()) add(doc.issuer, kIssuerStyle, 0);
  if (!doc.title.empty()) add(doc.title, kTitleStyle, kTitleGap);
  if (!doc.number.empty()) add(doc.number, kNumberStyle, kNumberGap);

  double gap = kHeaderGap;  // before whatever comes first under the header
  if (!doc.addressee.empty()) {
    add(doc.addressee, kPlainStyle, gap);
    gap = 0;
  }
  for (const std::string& paragraph : doc.paragraphs) {
    add(paragraph, kBodyStyle, gap);
    gap = 0;
  }
  for (const auto& [label, text] : doc.sections) {
    add(label, kLabelStyle, std::max(gap, kSectionGap), /*keep_with_next=*/!text.empty());
    if (!text.empty()) add(text, kBodyStyle, 0);
    gap = 0;
  }
  if (!doc.signature.empty()) add(doc.signature, kSignatureStyle, kSignatureGap, !doc.date.empty());
  if (!doc.date.empty()) add(doc.date, kSignatureStyle, doc.signature.empty() ? kSignatureGap : 0);
  return blocks;
}

std::vector<LineBox> line_boxes(PangoLayout* layout) {
  std::vector<LineBox> boxes;
  const std::unique_ptr<PangoLayoutIter, IterFree> iter(pango_layout_get_iter(layout));
  do {
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter.get());
    PangoRectangle placed;
    PangoRectangle own;
    pango_layout_iter_get_line_extents(iter.get(), nullptr, &placed);
    pango_layout_line_get_extents(line, nullptr, &own);
    boxes.push_back({line, pango_units_to_double(placed.x - own.x),
                     pango_units_to_double(pango_layout_iter_get_baseline(iter.get()) - placed.y),
                     pango_units_to_double(placed.height)});
  } while (pango_layout_iter_next_line(iter.get()));
  return boxes;
}

double height_of(const std::vector<LineBox>& lines) {
  double height = 0;
  for (const LineBox& line : lines) height += line.height * kLineSpacing;
  return height;
}

// Flows the blocks' lines down the pages. A line goes to a new page when it would cross the
// bottom margin, unless it is the first on its page (then it could fit nowhere).
std::vector<Page> paginate(const std::vector<Block>& blocks) {
  std::vector<std::vector<LineBox>> lines;
  for (const Block& block : blocks) lines.push_back(line_boxes(block.layout.get()));

  std::vector<Page> pages(1);
  double y = kMargin;
  const auto fits = [&](double height) {
    return pages.back().empty() || y + height <= kTextBottom;
  };
  const auto new_page = [&] {
    pages.emplace_back();
    y = kMargin;
  };
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (!pages.back().empty()) y += blocks[i].gap_before;
    if (blocks[i].keep_with_next && i + 1 < blocks.size()) {
      const double kept =
          height_of(lines[i]) + blocks[i + 1].gap_before + lines[i + 1].front().height;
      if (!fits(kept)) new_page();
    }
    for (const LineBox& line : lines[i]) {
      if (!fits(line.height)) new_page();
      pages.back().push_back({line.line, kMargin + line.x, y + line.ascent});
      y += line.height * kLineSpacing;
    }
  }
  return pages;
}

LayoutPtr footer_layout(PangoContext* context, std::string_view footer) {
  if (footer.empty()) return nullptr;
  LayoutPtr layout = make_layout(context, footer, kPageFootStyle);
  pango_layout_set_single_paragraph_mode(layout.get(), TRUE);
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_height(layout.get(), -2);  // negative: at most two lines
  return layout;
}

double layout_height(PangoLayout* layout) {
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout, &width, &height);
  return pango_units_to_double(height);
}

void draw_lines(cairo_t* cr, const Page& page) {
  for (const PlacedLine& placed : page) {
    cairo_move_to(cr, placed.x, placed.baseline);
    pango_cairo_show_layout_line(cr, placed.line);
  }
}

// "第 N 页 共 M 页" centred in the bottom margin, the footer (if any) right above it.
void draw_page_foot(cairo_t* cr, PangoContext* context, PangoLayout* footer, std::size_t page,
                    std::size_t pages) {
  const std::string numbering =
      "第 " + std::to_string(page) + " 页 共 " + std::to_string(pages) + " 页";
  const LayoutPtr number = make_layout(context, numbering, kPageFootStyle);
  const double number_top = kPageNumberCentre - layout_height(number.get()) / 2;
  cairo_move_to(cr, kMargin, number_top);
  pango_cairo_show_layout(cr, number.get());
  if (footer != nullptr) {
    cairo_move_to(cr, kMargin, number_top - layout_height(footer));
    pango_cairo_show_layout(cr, footer);
  }
}

void throw_on_error(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("PDF rendering failed: ") +
                             cairo_status_to_string(status));
}

void draw_document(cairo_surface_t* surface, const OfficialDocument& doc) {
  const std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface));
  const std::unique_ptr<PangoContext, GObjectFree> context(pango_cairo_create_context(cr.get()));
  // Font sizes are in points and so is the PDF's user space; Pango assumes a 96 dpi screen.
  pango_cairo_context_set_resolution(context.get(), 72);
  // Pango otherwise rounds glyph positions to whole points, which suits screens, not PDF.
  pango_context_set_round_glyph_positions(context.get(), FALSE);

  const std::vector<Block> blocks = document_blocks(context.get(), doc);
  const std::vector<Page> pages = paginate(blocks);
  const LayoutPtr footer = footer_layout(context.get(), doc.footer);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    draw_lines(cr.get(), pages[i]);
    draw_page_foot(cr.get(), context.get(), footer.get(), i + 1, pages.size());
    cairo_show_page(cr.get());
  }
  throw_on_error(cairo_status(cr.get()));
}

}  // namespace

std::string render(const OfficialDocument& doc) {
  std::string pdf;
  const std::unique_ptr<cairo_surface_t, SurfaceFree> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &pdf, kPageWidth, kPageHeight));
  throw_on_error(cairo_surface_status(surface.get()));
  // Cairo stamps the current time as CreationDate unless given one; a date it cannot parse (the
  // empty string) leaves the entry out, so the same document gives the same bytes.
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, "");
  draw_document(surface.get(), doc);
  cairo_surface_finish(surface.get());
  throw_on_error(cairo_surface_status(surface.get()));
  return pdf;
}

}  // namespace skillreg::pdf

// GCC says __SANITIZE_ADDRESS__; clang answers __has_feature (which GCC 12 cannot even parse).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SKILLREG_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(SKILLREG_ADDRESS_SANITIZER)
// LeakSanitizer reads this at start-up. Neither is ours to fix: Cairo 1.16 loses 768 bytes per
// embedded font while writing the font subsets in cairo_surface_finish, and fontconfig keeps its
// caches behind offsets rather than pointers, which LeakSanitizer cannot follow. The unwinder
// stops inside these libraries (built without frame pointers), so only their names can match.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libcairo.so\nleak:libfontconfig.so\n";
}
#endif
