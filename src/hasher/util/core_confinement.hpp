#pragma once

// Keeps some of a job's threads on one core while one core keeps up. A
// download moves each byte from the socket into a gathered piece and from
// there into its `.part`, on the transfer thread and a lane: on two cores,
// every piece moves between their caches, and those threads wake on cores
// something else was using. On one core the bytes stay in its cache and
// the other cores stay free for the rest of the machine (200 downloads of
// 256 KiB from a local server: 0.34 s with those threads on one core,
// 0.42 s without; with every thread of the job pinned by taskset the
// server used a third less CPU). When one core stops keeping up, the job
// spreads to every core it may use, once.

#include <memory>

namespace hasher::util {

class CoreConfinement {
public:
  // Confines the calling thread, and every thread it starts from now on, to
  // the core it runs on; does nothing where the process may use one core
  // only, or the system cannot say which core runs it.
  CoreConfinement();
  // Spreads (see spread()) if still confined.
  ~CoreConfinement();
  CoreConfinement(const CoreConfinement&) = delete;
  CoreConfinement& operator=(const CoreConfinement&) = delete;

  [[nodiscard]] bool confined() const;
  // Gives every thread of the process the cores the caller had before;
  // later calls do nothing.
  void spread();

private:
  struct Saved;
  std::unique_ptr<Saved> m_saved; // null: not confined
};

} // namespace hasher::util
