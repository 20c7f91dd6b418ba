#pragma once

// Runs a list of downloads through one HttpClient, at most `concurrency` at
// once, from the calling thread: a download waiting to retry holds no slot,
// and a slot frees the moment a transfer ends.

#include <hasher/net/download.hpp>
#include <hasher/net/http_client.hpp>

#include <functional>
#include <memory>
#include <vector>

namespace hasher::net {

// Calls `finished(index)` once per download as it finishes (any order),
// until all have or `stop()` returns true (checked every 100 ms at most);
// on stop the running transfers are dropped, their `.part` files kept for
// the next run. Downloads must have been prepared.
void run_downloads(HttpClient& client,
                   std::vector<std::unique_ptr<Download>>& downloads,
                   std::size_t concurrency,
                   const std::function<void(std::size_t)>& finished,
                   const std::function<bool()>& stop);

} // namespace hasher::net
