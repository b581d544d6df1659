// Which request heads ask for "100 Continue" (RFC 9110 §10.1.1), judged from the bytes of one read.
#include "http/guarded_socket.hpp"

#include <gtest/gtest.h>

namespace skillreg::http {

TEST(AsksToContinue, OnlyAHeadWithTheExpectation) {
  const std::string start = "POST /api/v1/batches/3/parts HTTP/1.1\r\nHost: x\r\nContent-Length: 6000000\r\n";
  struct Case {
    std::string bytes;
    bool asks;
  };
  const std::vector<Case> cases{
      {start + "Expect: 100-continue\r\n\r\n", true},
      {start + "expect:100-Continue \r\n\r\n", true},
      {start + "EXPECT:\t100-CONTINUE\r\n\r\n", true},
      {start + "Expect: 100-continue\r\n\r\nid,name\n", true},  // the body came along anyway
      {start + "\r\n", false},
      {start + "Expect: 100-continue\r\n", false},  // the head is not complete in this read
      {start + "X-Expect: 100-continue\r\n\r\n", false},
      {start + "Expect: 100-continuing\r\n\r\n", false},
      {"POST /a HTTP/1.1\r\nContent-Length: 30\r\n\r\nExpect: 100-continue\r\n\r\n", false},  // in the body
      {"x\r\nExpect: 100-continue\r\n\r\n", false},  // a read of a body, not a request's start
      {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(asks_to_continue(c.bytes), c.asks) << c.bytes;
}

// The same head cut anywhere into two reads is still seen; body reads are not taken for heads.
TEST(AsksToContinue, AHeadInSeveralReadsIsSeenWhenItEnds) {
  const std::string head =
      "POST /api/v1/batches/3/parts HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n";
  for (std::size_t cut = 1; cut < head.size(); ++cut) {
    ContinueWatch watch;
    EXPECT_FALSE(watch.feed(std::string_view(head).substr(0, cut))) << cut;
    EXPECT_TRUE(watch.feed(std::string_view(head).substr(cut))) << cut;
    EXPECT_FALSE(watch.feed("id,name\n")) << "the body that follows";
  }
  ContinueWatch watch;  // three reads
  EXPECT_FALSE(watch.feed("POST /a HTTP/1.1\r\n"));
  EXPECT_FALSE(watch.feed("Expect: 100-"));
  EXPECT_TRUE(watch.feed("continue\r\n\r\n"));
  ContinueWatch plain;  // a split head that does not ask
  EXPECT_FALSE(plain.feed("GET /api/v1/health HTTP/1.1\r\n"));
  EXPECT_FALSE(plain.feed("Host: x\r\n\r\n"));
  ContinueWatch body;  // a read of a body is not kept, whatever it holds later
  EXPECT_FALSE(body.feed("id,name\n330106199001010026,"));
  EXPECT_FALSE(body.feed("x\r\nExpect: 100-continue\r\n\r\n"));
  ContinueWatch endless;  // a head that never ends is let go at the carry's limit
  EXPECT_FALSE(endless.feed("POST /a HTTP/1.1\r\n"));
  EXPECT_FALSE(endless.feed(std::string(ContinueWatch::kHeadCarry, 'x')));
  EXPECT_FALSE(endless.feed("Expect: 100-continue\r\n\r\n")) << "not the start of a request any more";
}

}  // namespace skillreg::http
