// M12: an exam site outside the institution's own area waits for the authority of the site's
// area; that authority finds it in its work list of pending sites, of every institution.
#include <gmock/gmock.h>

#include "support/fixture.hpp"

namespace skillreg::test {

class ExamSites : public DemoProvinceTest {};

TEST_P(ExamSites, M12_TheSitesAuthorityListsPendingSitesOfOtherAreasInstitutionsAndConfirmsThem) {
  auto inst2 = as("inst2");  // 鄞州区
  const auto id = inst2.get("/api/v1/auth/me").json()["user"]["institution_id"].get<std::int64_t>();
  auto requested = inst2.post_json("/api/v1/institutions/" + std::to_string(id) + "/exam-sites",
                                   {{"name", "西湖异地考点"}, {"address", "文三路99号"}, {"region_code", "330106"}});
  ASSERT_EQ(requested.status, 201) << requested.body;
  ASSERT_EQ(requested.json()["status"], "pending");
  const auto site = requested.json()["id"].get<std::int64_t>();
  const auto listed = [&](HttpClient c, const std::string& query) {
    const auto r = c.get("/api/v1/exam-sites" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto j = r.json();
    for (const auto& s : j["items"])
      if (s["id"] == site) return s;
    return nlohmann::json();
  };
  auto xihu = as("xihu");
  const auto pending = listed(xihu, "?status=pending");
  ASSERT_FALSE(pending.is_null()) << "西湖区 sees the site in its area";
  EXPECT_EQ(pending["institution_id"], id);
  EXPECT_FALSE(pending["institution_code"].get<std::string>().empty());
  EXPECT_FALSE(listed(as("hangzhou"), "?status=pending").is_null()) << "and so does its city";
  EXPECT_TRUE(listed(as("ningbo"), "").is_null()) << "not 宁波市, though the institution is in its area";
  EXPECT_TRUE(listed(as("yinzhou"), "").is_null());
  EXPECT_EQ(inst2.get("/api/v1/exam-sites").status, 403);
  // The site's authority is told (M12), once.
  const auto inbox = xihu.get("/api/v1/notifications?page_size=200").json();
  int told = 0;
  for (const auto& n : inbox["items"]) told += n["kind"] == "exam_site_requested" && n["object_id"] == std::to_string(site);
  EXPECT_EQ(told, 1) << inbox.dump().substr(0, 500);
  EXPECT_EQ(xihu.get("/api/v1/exam-sites?status=open").status, 400);

  ASSERT_EQ(xihu.post_json("/api/v1/institutions/" + std::to_string(id) + "/exam-sites/" + std::to_string(site) + "/confirm",
                           nlohmann::json::object())
                .status,
            200);
  EXPECT_TRUE(listed(xihu, "?status=pending").is_null()) << "off the work list once decided";
  EXPECT_EQ(listed(xihu, "?status=confirmed")["status"], "confirmed");
}

SKILLREG_ON_BOTH_BACKENDS(ExamSites);

}  // namespace skillreg::test
