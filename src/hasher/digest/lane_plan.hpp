#pragma once

// Spreads the requested algorithms over threads ("lanes") for one big file so
// that the file is hashed at the speed of the slowest lane, not the sum of all
// algorithms. Longest-processing-time-first: the most expensive algorithm goes
// to the least loaded lane. Lane 0 also reads the file, so it starts with the
// cost of reading; with one algorithm and two cores, lane 0 only reads and
// lane 1 only hashes, so reading overlaps hashing.

#include <hasher/digest/algorithm.hpp>

#include <vector>

namespace hasher::digest {

struct LanePlan {
  std::vector<std::vector<std::size_t>> lanes; // spec indexes per lane
  double slowest_lane_cost = 0;                // ns per byte
};

// ns/byte of copying a chunk from the page cache into a buffer (measured
// here): what the reading lane pays before it hashes.
constexpr double k_page_cache_read_cost = 0.18;

// The best plan with at most `max_lanes` lanes; lanes that would stay empty
// are dropped, so the result may have fewer. `read_cost` is the ns/byte of
// reading a chunk into memory, charged to lane 0.
LanePlan plan_lanes(std::span<const AlgorithmSpec> specs, std::size_t max_lanes,
                    double read_cost);

} // namespace hasher::digest
