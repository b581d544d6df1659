// Official document PDFs (core/pdf_document), read back with poppler's pdftotext, pdfinfo and
// pdffonts: every part printed, in order, inside the margins, on as many pages as it takes.
#include "core/pdf_document.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace skillreg::pdf {
namespace {

constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 70.866;
constexpr double kTolerance = 1.5;  // points; poppler's boxes use the font's nominal ascent

// The PDF in a temporary file for poppler's command-line tools; removed afterwards.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() / ("skillreg-pdf-" + std::to_string(::getpid()) +
                                                      "-" + std::to_string(++counter) + ".pdf");
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;
  ~PdfFile() { std::filesystem::remove(path_); }

  std::string text() const { return run("pdftotext -layout '" + path_.string() + "' -"); }
  std::string bbox() const { return run("pdftotext -bbox '" + path_.string() + "' -"); }
  std::string info() const { return run("pdfinfo '" + path_.string() + "'"); }
  std::string fonts() const { return run("pdffonts '" + path_.string() + "'"); }

 private:
  static std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
      ADD_FAILURE() << "cannot run " << command;
      return out;
    }
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    EXPECT_EQ(::pclose(pipe), 0) << command;
    return out;
  }

  std::filesystem::path path_;
};

// pdftotext -layout spreads text with spaces and breaks it into lines; compare without them.
std::string squeezed(std::string text) {
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\r'; });
  return text;
}

int page_count(const std::string& pdfinfo) {
  const std::size_t at = pdfinfo.find("Pages:");
  return at == std::string::npos ? 0 : std::stoi(pdfinfo.substr(at + 6));
}

std::vector<std::string> pages_of(const std::string& text) {
  std::vector<std::string> pages;
  std::istringstream in(text);
  for (std::string page; std::getline(in, page, '\f');) pages.push_back(squeezed(page));
  return pages;
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++count;
  return count;
}

OfficialDocument interview_notice() {
  return {
      .issuer = "杭州市人力资源和社会保障局",
      .title = "约谈通知书",
      .number = "杭人社监〔2026〕3号",
      .addressee = "浙江西湖职业技能培训评价中心：",
      .paragraphs =
          {"经查，你单位在2026年第三季度电子商务师评价活动中存在考评人员未按规定回避的情形。",
           "请你单位法定代表人于2026年12月3日上午9时到我局监督科接受约谈，并携带相关材料。"},
      .sections = {{"事实", "考评员张某与考生李某系直系亲属关系，未申请回避。"},
                   {"理由", "违反评价机构考评人员回避制度。"},
                   {"依据", "《职业技能等级认定管理办法》第十八条。"}},
      .signature = "杭州市人力资源和社会保障局",
      .date = "2026年11月29日",
      .footer = "案件编号 ZJ-HZ-2026-000123",
  };
}

std::string paragraph_number(int i) {
  std::string digits = std::to_string(i);
  return "第" + std::string(4 - digits.size(), '0') + digits + "段";
}

OfficialDocument long_decision(int paragraphs) {
  OfficialDocument doc = interview_notice();
  doc.title = "处理决定书";
  doc.footer.clear();
  doc.paragraphs.clear();
  for (int i = 1; i <= paragraphs; ++i)
    doc.paragraphs.push_back(paragraph_number(i) +
                             "：经复核，评价机构提交的考评记录与现场监控录像不一致，"
                             "相关责任人员未能作出合理说明。");
  doc.paragraphs.push_back("末段：本决定自送达之日起生效。");
  return doc;
}

TEST(PdfDocument, IsAnA4Pdf) {
  const std::string pdf = render(interview_notice());
  EXPECT_TRUE(pdf.starts_with("%PDF-"));
  const std::string info = PdfFile(pdf).info();
  EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
  EXPECT_EQ(page_count(info), 1);
}

TEST(PdfDocument, PrintsEveryPartOfTheDocument) {
  const OfficialDocument doc = interview_notice();
  const std::string text = squeezed(PdfFile(render(doc)).text());
  for (const std::string& part : {doc.issuer, doc.title, doc.number, doc.addressee, doc.signature,
                                  doc.date, doc.footer, std::string("第1页共1页")})
    EXPECT_NE(text.find(squeezed(part)), std::string::npos) << part << "\n" << text;
  for (const std::string& paragraph : doc.paragraphs)
    EXPECT_NE(text.find(squeezed(paragraph)), std::string::npos) << paragraph << "\n" << text;
  for (const auto& [label, body] : doc.sections) {
    EXPECT_NE(text.find(label), std::string::npos) << label;
    EXPECT_NE(text.find(body), std::string::npos) << body;
  }
}

TEST(PdfDocument, PrintsThePartsInDocumentOrder) {
  const OfficialDocument doc = interview_notice();
  const std::string text = squeezed(PdfFile(render(doc)).text());
  // The issuer doubles as the signature, so the search for each part starts after the previous.
  std::size_t at = 0;
  const auto expect_next = [&](const std::string& part) {
    const std::size_t found = text.find(squeezed(part), at);
    ASSERT_NE(found, std::string::npos) << part << " after position " << at << "\n" << text;
    at = found + squeezed(part).size();
  };
  for (const std::string& part : {doc.issuer, doc.title, doc.number, doc.addressee})
    expect_next(part);
  for (const std::string& paragraph : doc.paragraphs) expect_next(paragraph);
  for (const auto& [label, body] : doc.sections) {
    expect_next(label);
    expect_next(body);
  }
  expect_next(doc.signature);
  expect_next(doc.date);
}

TEST(PdfDocument, EmbedsNotoSerifCjkRegularAndBold) {
  const std::string fonts = PdfFile(render(interview_notice())).fonts();
  std::istringstream lines(fonts);
  std::string line;
  std::getline(lines, line);  // header
  std::getline(lines, line);  // dashes
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    std::istringstream columns(line);
    std::string name, word;
    std::vector<std::string> words;
    columns >> name;
    while (columns >> word) words.push_back(word);
    // The last five columns: emb sub uni object generation.
    ASSERT_GE(words.size(), 5u) << line;
    EXPECT_EQ(words[words.size() - 5], "yes") << "not embedded: " << line;
  }
  EXPECT_GE(rows, 2);
  EXPECT_NE(fonts.find("NotoSerifCJKsc-Regular"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("NotoSerifCJKsc-Bold"), std::string::npos) << fonts;
}

TEST(PdfDocument, LongBodyFlowsOntoNumberedPagesWithNothingLost) {
  const OfficialDocument doc = long_decision(200);
  const PdfFile file(render(doc));
  const int pages = page_count(file.info());
  EXPECT_GE(pages, 3);

  const std::string text = squeezed(file.text());
  std::size_t at = 0;
  for (int i = 1; i <= 200; ++i) {
    const std::size_t found = text.find(paragraph_number(i), at);
    ASSERT_NE(found, std::string::npos) << paragraph_number(i) << " missing or out of order";
    at = found;
  }
  EXPECT_NE(text.find(doc.paragraphs.back(), at), std::string::npos);
  EXPECT_NE(text.find(doc.sections.back().second, at), std::string::npos);
  EXPECT_NE(text.find(doc.date, at), std::string::npos);

  const std::vector<std::string> page_texts = pages_of(file.text());
  ASSERT_GE(static_cast<int>(page_texts.size()), pages);
  for (int p = 1; p <= pages; ++p) {
    const std::string numbering = "第" + std::to_string(p) + "页共" + std::to_string(pages) + "页";
    EXPECT_NE(page_texts[static_cast<std::size_t>(p - 1)].find(numbering), std::string::npos)
        << numbering;
  }
}

TEST(PdfDocument, BodyLinesHoldTwentyEightCharacters) {
  // 16 pt characters on a 159.2 mm (453.5 pt) line: 28 fit, the first line indented by two.
  const auto lines_of = [](std::size_t characters) {
    OfficialDocument doc;
    std::string paragraph;
    for (std::size_t i = 0; i < characters; ++i) paragraph += "一";
    doc.paragraphs = {paragraph};
    std::istringstream text(PdfFile(render(doc)).text());
    std::vector<std::size_t> lengths;
    for (std::string line; std::getline(text, line);) {
      if (const std::size_t n = count_of(line, "一"); n > 0) lengths.push_back(n);
    }
    return lengths;
  };
  EXPECT_EQ(lines_of(54), (std::vector<std::size_t>{26, 28}));
  EXPECT_EQ(lines_of(55), (std::vector<std::size_t>{26, 28, 1}));
}

TEST(PdfDocument, FooterIsOnEveryPage) {
  OfficialDocument doc = long_decision(80);
  doc.footer = "案件编号 ZJ-HZ-2026-000123";
  const PdfFile file(render(doc));
  const int pages = page_count(file.info());
  ASSERT_GE(pages, 2);
  EXPECT_EQ(count_of(squeezed(file.text()), squeezed(doc.footer)), static_cast<std::size_t>(pages));
}

struct Word {
  double x_min, y_min, x_max, y_max;
  std::string text;
};

std::vector<Word> words_of(const std::string& bbox_html) {
  std::vector<Word> words;
  std::istringstream lines(bbox_html);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t start = line.find("<word ");
    if (start == std::string::npos) continue;
    Word w{};
    int text_at = 0;
    if (std::sscanf(line.c_str() + start, R"(<word xMin="%lf" yMin="%lf" xMax="%lf" yMax="%lf">%n)",
                    &w.x_min, &w.y_min, &w.x_max, &w.y_max, &text_at) != 4 ||
        text_at == 0)
      continue;
    const std::string rest = line.substr(start + static_cast<std::size_t>(text_at));
    w.text = rest.substr(0, rest.find("</word>"));
    words.push_back(w);
  }
  return words;
}

bool is_page_numbering(const std::string& word) {
  return word == "第" || word == "页" || word == "共" ||
         (!word.empty() &&
          std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

TEST(PdfDocument, TextStaysInsideTheMargins) {
  OfficialDocument doc = long_decision(60);
  // No break opportunity for 300 characters: Pango must break it between characters.
  doc.paragraphs.insert(doc.paragraphs.begin() + 10, "参考编号" + std::string(300, 'X'));
  const std::vector<Word> words = words_of(PdfFile(render(doc)).bbox());
  ASSERT_GT(words.size(), 100u);
  for (const Word& w : words) {
    EXPECT_GE(w.x_min, kMargin - kTolerance) << w.text;
    EXPECT_LE(w.x_max, kPageWidth - kMargin + kTolerance) << w.text;
    EXPECT_GE(w.y_min, kMargin - kTolerance) << w.text;
    EXPECT_LE(w.y_max, kPageHeight) << w.text;
    // Only the page numbering sits in the bottom margin.
    if (w.y_max > kPageHeight - kMargin + kTolerance) {
      EXPECT_TRUE(is_page_numbering(w.text)) << w.text << " in the bottom margin at " << w.y_max;
    }
  }
  std::ptrdiff_t xs = 0;
  for (const Word& w : words) xs += std::ranges::count(w.text, 'X');
  EXPECT_EQ(xs, 300);
}

TEST(PdfDocument, SectionLabelAndSignatureStayWithWhatFollows) {
  // Each extra one-line paragraph moves the label and the signature one line down, so over a
  // page's worth of lengths each of them lands on the last line of a page at least once.
  for (int n = 1; n <= 30; ++n) {
    OfficialDocument doc = long_decision(20);
    doc.paragraphs.assign(20, "本段为填充用的单行文字。");
    doc.paragraphs.insert(doc.paragraphs.end(), static_cast<std::size_t>(n), "单行。");
    doc.sections = {{"处理依据", "甲乙丙丁戊己庚辛。"}};
    doc.signature = "市劳动保障监察支队";
    const std::vector<std::string> pages = pages_of(PdfFile(render(doc)).text());
    for (const std::string& page : pages) {
      EXPECT_EQ(page.find("处理依据") != std::string::npos,
                page.find("甲乙丙丁") != std::string::npos)
          << "label apart from its text with " << n << " short paragraphs";
      EXPECT_EQ(page.find(doc.signature) != std::string::npos,
                page.find(doc.date) != std::string::npos)
          << "signature apart from the date with " << n << " short paragraphs";
    }
  }
}

TEST(PdfDocument, InvalidUtf8IsDrawnAsReplacementCharacters) {
  OfficialDocument doc = interview_notice();
  doc.title = "约谈\xff通知书";                          // a byte that never starts UTF-8
  doc.addressee = std::string("评价\xe6\x9d") + "中心";  // a truncated sequence: 2 bytes
  doc.paragraphs = {std::string("前文\0后文", 13), "\xc0\xafoverlong"};  // NUL, an overlong '/'
  doc.footer = "\xed\xa0\x80";                                           // a surrogate: 3 bytes
  const std::string pdf = render(doc);
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const std::string text = squeezed(PdfFile(pdf).text());
  const std::string fffd = "\xef\xbf\xbd";
  EXPECT_NE(text.find("约谈" + fffd + "通知书"), std::string::npos) << text;
  EXPECT_NE(text.find("评价" + fffd + fffd + "中心"), std::string::npos) << text;
  EXPECT_NE(text.find("前文" + fffd + "后文"), std::string::npos) << text;
  EXPECT_NE(text.find(fffd + fffd + "overlong"), std::string::npos) << text;
  EXPECT_NE(text.find(fffd + fffd + fffd), std::string::npos) << text;
}

TEST(PdfDocument, EmptyDocumentIsOneNumberedPage) {
  const PdfFile file(render(OfficialDocument{}));
  EXPECT_EQ(page_count(file.info()), 1);
  EXPECT_EQ(squeezed(file.text()), "第1页共1页");
}

TEST(PdfDocument, SameInputGivesTheSameBytes) {
  const std::string first = render(interview_notice());
  EXPECT_EQ(first.find("/CreationDate"), std::string::npos);
  EXPECT_EQ(render(interview_notice()), first);
  OfficialDocument other = interview_notice();
  other.date = "2026年11月30日";
  EXPECT_NE(render(other), first);
}

}  // namespace
}  // namespace skillreg::pdf
