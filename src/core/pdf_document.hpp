#pragma once
// Official documents (执法文书) of enforcement cases as PDF: 约谈通知书, 整改通知书,
// 处理决定事先告知书, 处理决定书, 复核决定书. Cairo draws, Pango shapes and wraps the Chinese text
// in Noto Serif CJK SC (Debian's fonts-noto-cjk). The layout follows GB/T 9704 loosely: 16 pt
// body text (三号), about 28 characters to a line.
#include <string>
#include <utility>
#include <vector>

namespace skillreg::pdf {

// What the document says; every field is UTF-8 text. Empty header fields (issuer, title, number,
// addressee) and an empty signature, date or footer are left out of the page.
struct OfficialDocument {
  std::string issuer;  // 杭州市人力资源和社会保障局: top of the first page, centred, large
  std::string title;      // 约谈通知书: centred, bold, large
  std::string number;     // 文号, e.g. 杭人社监〔2026〕3号: centred under the title
  std::string addressee;  // 浙江西湖职业技能培训评价中心：, left, before the body
  // Body paragraphs, justified, first line indented by two characters. A '\n' inside one starts
  // a new paragraph with the same indent.
  std::vector<std::string> paragraphs;
  // Labelled blocks after the body, e.g. {"事实", "…"}, {"理由", "…"}, {"依据", "…"}: the label
  // bold on a line of its own, the text under it laid out like a body paragraph.
  std::vector<std::pair<std::string, std::string>> sections;
  std::string signature;  // the issuing authority, right-aligned after the body
  std::string date;       // 2026年11月29日, right-aligned under the signature
  // Small text at the bottom of every page, e.g. the case number; two lines at most, the rest is
  // cut with an ellipsis. "第 N 页 共 M 页" is printed under it on every page regardless.
  std::string footer;
};

// The PDF bytes of `doc`: A4 portrait, 2.5 cm margins, as many pages as the text needs (a line is
// never split or dropped; a section label and the signature stay with what follows them), the
// fonts embedded as subsets. The same input gives the same bytes: no creation date is written.
// Bytes that are not valid UTF-8 are drawn as U+FFFD, one per bad byte. Throws
// std::runtime_error only if Cairo itself fails (out of memory).
std::string render(const OfficialDocument& doc);

}  // namespace skillreg::pdf
