#include <hasher/cli/signals.hpp>

#include <csignal>

namespace hasher::cli {
namespace {

// The one piece of mutable global state: a signal handler can reach nothing
// else. Both are lock-free atomics, which are async-signal-safe.
std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

extern "C" void on_stop_signal(int signal) {
  g_signal.store(signal);
  g_stop.store(true);
}

} // namespace

const std::atomic<bool>& install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return g_stop;
}

int stop_signal() { return g_signal.load(); }

} // namespace hasher::cli
