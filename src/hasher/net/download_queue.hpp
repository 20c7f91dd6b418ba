#pragma once

// Runs a list of downloads through one HttpClient, at most `concurrency` at
// once: transfers on the calling thread, a download waiting to retry holds
// no slot, and a slot frees the moment a transfer ends. The file work
// (write, hash, check) runs on a few worker lanes and the naming of
// finished files on a commit thread, both started and joined here, so the
// calling thread only moves bytes and reports.

#include <hasher/net/download.hpp>
#include <hasher/net/http_client.hpp>

#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace hasher::net {

// Calls `finished(index)` once per download as it finishes (any order),
// from the calling thread, until all have or `stop()` returns true
// (checked every 100 ms at most); on stop the running transfers are
// dropped, their `.part` files kept for the next run, and the downloads
// already past their transfer are still finished (and reported). Downloads
// must have been prepared and not be finished. `specs` are the downloads'
// algorithms (for the PartHasher).
void run_downloads(HttpClient& client,
                   std::vector<std::unique_ptr<Download>>& downloads,
                   std::size_t concurrency,
                   std::span<const digest::AlgorithmSpec> specs,
                   const std::function<void(std::size_t)>& finished,
                   const std::function<bool()>& stop);

} // namespace hasher::net
