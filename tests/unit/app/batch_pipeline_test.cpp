// The two threads of a batch (app/batch_pipeline.hpp): rows arrive in order, parts are served by
// the writer, a bad row ends the work at once, and a writer that gives up never leaves the
// reader waiting.
#include "app/batch_pipeline.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace skillreg {
namespace {

BatchPipeline::Chunk chunk_of(std::int64_t first, std::size_t n) {
  BatchPipeline::Chunk c(n);
  for (std::size_t i = 0; i < n; ++i) c[i].candidate_id = first + std::int64_t(i);
  return c;
}

TEST(BatchPipelineTest, RowsArriveInOrderAndPartsAreServedByTheWriter) {
  BatchPipeline pipe;
  std::thread reader([&] {
    std::int64_t next = 0;
    for (std::int64_t seq = 1;; ++seq) {
      auto part = pipe.part(seq);
      EXPECT_TRUE(part.has_value());
      if (!part || !*part) break;
      EXPECT_EQ(**part, "part " + std::to_string(seq));
      for (int i = 0; i < 20; ++i, next += 7) EXPECT_TRUE(pipe.push(chunk_of(next, 7)));
    }
    pipe.finish(true);
  });
  std::int64_t expected = 0;
  for (;;) {
    auto work = pipe.next();
    if (work.part_wanted) {
      pipe.answer(*work.part_wanted <= 3 ? std::optional<std::string>("part " + std::to_string(*work.part_wanted))
                                         : std::nullopt);
      continue;
    }
    if (work.finished) break;
    for (const auto& r : *work.chunk) EXPECT_EQ(r.candidate_id, expected++);
  }
  reader.join();
  EXPECT_EQ(expected, 3 * 20 * 7);
  EXPECT_TRUE(pipe.clean());
  EXPECT_FALSE(pipe.error());
}

TEST(BatchPipelineTest, ABadRowEndsTheWorkWithoutTheChunksLeft) {
  BatchPipeline pipe;
  ASSERT_TRUE(pipe.push(chunk_of(0, 3)));
  pipe.finish(false);
  EXPECT_TRUE(pipe.next().finished) << "the rows before a bad one are rolled back anyway";
  EXPECT_FALSE(pipe.clean());
}

TEST(BatchPipelineTest, AnErrorOfTheReaderReachesTheWriter) {
  BatchPipeline pipe;
  pipe.finish(true, std::make_exception_ptr(std::runtime_error("no key")));
  EXPECT_TRUE(pipe.next().finished);
  EXPECT_FALSE(pipe.clean());
  EXPECT_THROW(std::rethrow_exception(pipe.error()), std::runtime_error);
}

TEST(BatchPipelineTest, AWriterThatStopsReleasesAReaderWaitingOnAFullQueueOrAPart) {
  BatchPipeline pipe;
  bool pushed_all = true, got_part = true;
  std::thread reader([&] {
    for (std::size_t i = 0; i <= BatchPipeline::kQueuedChunks; ++i) pushed_all = pipe.push(chunk_of(0, 1)) && pushed_all;
    got_part = pipe.part(1).has_value();
  });
  while (pipe.next().chunk) {
    pipe.stop();
    break;
  }
  reader.join();
  EXPECT_FALSE(pushed_all && got_part);
}

}  // namespace
}  // namespace skillreg
