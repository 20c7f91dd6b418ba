#include <hasher/digest/lane_plan.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace hasher::digest {
namespace {

TEST(LanePlan, DefaultSetOnTwoCoresPutsMd5Alone) {
  auto specs = parse_algorithm_list("crc32,md5,sha1,sha256");
  LanePlan plan = plan_lanes(specs, 2, 0.1);
  ASSERT_EQ(plan.lanes.size(), 2u);
  // md5 (index 1) is the most expensive; the other three share a lane.
  auto md5_lane =
      std::find_if(plan.lanes.begin(), plan.lanes.end(), [](const auto& lane) {
        return std::find(lane.begin(), lane.end(), 1u) != lane.end();
      });
  ASSERT_NE(md5_lane, plan.lanes.end());
  EXPECT_EQ(md5_lane->size(), 1u);
  EXPECT_DOUBLE_EQ(plan.slowest_lane_cost, find_algorithm("md5")->cost);
}

TEST(LanePlan, EveryAlgorithmIsInExactlyOneLane) {
  auto specs = parse_algorithm_list("all");
  for (std::size_t lanes = 1; lanes <= 8; ++lanes) {
    LanePlan plan = plan_lanes(specs, lanes, 0.1);
    std::vector<int> seen(specs.size(), 0);
    for (const auto& lane : plan.lanes) {
      for (std::size_t index : lane) ++seen[index];
    }
    for (int count : seen) EXPECT_EQ(count, 1);
    EXPECT_LE(plan.lanes.size(), lanes);
  }
}

TEST(LanePlan, NeverMoreLanesThanAlgorithmsPlusTheReader) {
  auto specs = parse_algorithm_list("sha256");
  LanePlan plan = plan_lanes(specs, 4, 0.1);
  EXPECT_LE(plan.lanes.size(), 2u);
}

} // namespace
} // namespace hasher::digest
