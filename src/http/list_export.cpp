#include "http/list_export.hpp"

#include <algorithm>
#include <map>

#include "core/spreadsheet_text.hpp"

namespace skillreg::http {

namespace {

bool pages(const Route& r) {
  const auto has = [&](const char* q) { return std::ranges::find(r.query, q) != r.query.end(); };
  return r.method == Method::get && r.access == Access::session && has("page") && has("page_size") && !has("format");
}

std::string cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return csv_field(v.get<std::string>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();  // a number is written as one, never formula-guarded
  return csv_field(v.dump());
}

// "/api/v1/plans/:id/candidates" → "candidates.csv"
std::string file_name(const std::string& path) {
  std::string last = path.substr(path.rfind('/') + 1);
  return (last.empty() || last.starts_with(':') ? std::string("export") : last) + ".csv";
}

// The lists that can be long, read by key after their first page (PageRequest::after): the
// route → the item field that is the list's sort key. Others page by offset, which is fine for
// lists of hundreds.
const std::map<std::string, std::string, std::less<>> kKeysetLists = {
    {"/api/v1/audit", "seq"},
    {"/api/v1/certificates", "cert_no"},
    {"/api/v1/plans", "id"},
    {"/api/v1/plans/:id/candidates", "id"},
};

std::optional<std::string> key_of(const Json& item, const std::string& field) {
  if (!item.is_object() || !item.contains(field)) return std::nullopt;
  const auto& v = item[field];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  return std::nullopt;
}

class ListExportStream final : public BodyStream {
 public:
  ListExportStream(std::function<Result<Response>(Request&)> handler, Request req, Json first, std::string key)
      : handler_(std::move(handler)), req_(std::move(req)), page_(std::move(first)), key_(std::move(key)),
        total_(page_.value("total", std::int64_t{0})) {}

  std::optional<std::string> next() override {
    if (done_) return std::nullopt;
    std::string out;
    if (columns_.empty() && !header_written_) {
      header_written_ = true;
      out = "\xEF\xBB\xBF";  // BOM: spreadsheets then read the file as UTF-8
      for (const auto& item : page_["items"])
        for (const auto& [key, _] : item.items())
          if (std::ranges::find(columns_, key) == columns_.end()) columns_.push_back(key);
      out += csv_line(columns_);
    }
    const auto& items = page_["items"];
    for (const auto& item : items) {
      std::vector<std::string> row;
      row.reserve(columns_.size());
      for (const auto& c : columns_) row.push_back(item.contains(c) ? cell(item[c]) : std::string());
      // csv_line would quote the already quoted cells again: join them as they are.
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) out += ',';
        out += row[i];
      }
      out += "\r\n";
    }
    read_ += std::int64_t(items.size());
    if (items.size() < std::size_t(kExportPageSize) || (!keyset() && read_ >= total_)) {
      done_ = true;
      return out;
    }
    // The next page: after the last row's key where the list has one, else by offset. The
    // total was counted with the first page.
    req_.page_count = false;
    if (auto last = keyset() ? key_of(items.back(), key_) : std::nullopt) req_.page_after = std::move(*last);
    else req_.query["page"] = std::to_string(++page_number_);
    auto r = handler_(req_);
    // A page that fails after the first (a row deleted, the session ended) ends the export
    // where it is: the status line has gone already.
    if (!r || r->status != 200) done_ = true;
    else page_ = Json::parse(r->body, nullptr, false);
    if (!page_.is_object() || !page_.contains("items")) done_ = true;
    return out;
  }

 private:
  bool keyset() const { return !key_.empty(); }

  std::function<Result<Response>(Request&)> handler_;
  Request req_;
  Json page_;
  std::string key_;  // the sort key's field, empty for a list paged by offset
  std::int64_t total_;
  std::vector<std::string> columns_;
  bool header_written_ = false, done_ = false;
  int page_number_ = 1;
  std::int64_t read_ = 0;
};

}  // namespace

bool wants_export(const Request& req) {
  auto it = req.query.find("format");
  return it != req.query.end() && it->second == "csv";
}

void add_list_exports(RouteTable& routes) {
  for (auto& route : routes) {
    if (!pages(route)) continue;
    route.query.push_back("format");
    const auto keyed = kKeysetLists.find(route.path);
    std::string key = keyed == kKeysetLists.end() ? std::string() : keyed->second;
    route.handler = [inner = route.handler, name = file_name(route.path), key](Request& req) -> Result<Response> {
      auto format = req.query.find("format");
      if (format == req.query.end()) return inner(req);
      const std::string f = format->second;
      req.query.erase(format);
      if (f == "json") return inner(req);
      if (f != "csv") return bad_request({{"format", "must_be_json_or_csv"}});
      if (req.query.contains("page") || req.query.contains("page_size"))
        return bad_request({{"page", "an_export_has_every_page"}});
      // The first page answers as the list would: its filters checked, its scope applied.
      req.max_page_size = kExportPageSize;
      req.query["page"] = "1";
      req.query["page_size"] = std::to_string(kExportPageSize);
      auto first = inner(req);
      if (!first || first->status != 200) return first;
      auto page = Json::parse(first->body, nullptr, false);
      if (!page.is_object() || !page.contains("items") || !page["items"].is_array())
        return fail(ErrorKind::internal, "列表无法导出", "The list cannot be exported");
      Response out;
      out.content_type = "text/csv; charset=utf-8";
      out.headers.push_back({"Content-Disposition", "attachment; filename=\"" + name + "\""});
      out.stream = std::make_shared<ListExportStream>(inner, req, std::move(page), key);
      return out;
    };
  }
}

}  // namespace skillreg::http
