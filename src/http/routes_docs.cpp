// /api/docs: the operations of the API as a readable page (the same table as openapi.json).
#include "http/services.hpp"

namespace skillreg::http {

namespace {
std::string escape_html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}
}  // namespace

std::string api_docs_page(const RouteTable& routes) {
  std::string rows;
  for (const auto& r : routes) {
    std::string query;
    for (const auto& q : r.query) query += (query.empty() ? "?" : "&") + q;
    rows += "<tr><td>" + escape_html(r.tag) + "</td><td><code>" + std::string(to_string(r.method)) +
            "</code></td><td><code>" + escape_html(r.path + query) + "</code></td><td>" +
            (r.access == Access::open ? "公开 public" : "登录 session") + "</td><td>" +
            escape_html(r.summary) + "</td></tr>\n";
  }
  return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<title>skillreg API</title><style>body{font-family:sans-serif;margin:2em}"
         "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
         "</style></head><body><h1>技能人才评价监管系统 API</h1>"
         "<p>Machine-readable: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>. "
         "Errors: <code>{\"error\":{\"code\",\"message\",\"details\"}}</code>.</p>"
         "<table><tr><th>area</th><th>method</th><th>path</th><th>access</th><th>what</th></tr>\n" +
         rows + "</table></body></html>";
}

}  // namespace skillreg::http
