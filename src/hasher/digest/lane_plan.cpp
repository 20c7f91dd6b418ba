#include <hasher/digest/lane_plan.hpp>

#include <algorithm>
#include <numeric>

namespace hasher::digest {

LanePlan plan_lanes(std::span<const AlgorithmSpec> specs, std::size_t max_lanes,
                    double read_cost) {
  std::size_t lane_count =
      std::max<std::size_t>(1, std::min(max_lanes, specs.size() + 1));
  std::vector<std::size_t> order(specs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) {
                     return specs[a].algorithm->cost > specs[b].algorithm->cost;
                   });

  LanePlan plan;
  plan.lanes.resize(lane_count);
  std::vector<double> load(lane_count, 0.0);
  load[0] = read_cost;
  for (std::size_t index : order) {
    auto lightest = std::min_element(load.begin(), load.end());
    auto lane = static_cast<std::size_t>(lightest - load.begin());
    plan.lanes[lane].push_back(index);
    *lightest += specs[index].algorithm->cost;
  }
  // Lane 0 reads even when it hashes nothing; other empty lanes are dropped.
  for (std::size_t lane = plan.lanes.size(); lane-- > 1;) {
    if (plan.lanes[lane].empty()) {
      plan.lanes.erase(plan.lanes.begin() + static_cast<std::ptrdiff_t>(lane));
      load.erase(load.begin() + static_cast<std::ptrdiff_t>(lane));
    }
  }
  plan.slowest_lane_cost = *std::max_element(load.begin(), load.end());
  return plan;
}

} // namespace hasher::digest
