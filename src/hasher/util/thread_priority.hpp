#pragma once

// How much of the CPU a thread asks for.

namespace hasher::util {

// Asks the scheduler to run the calling thread only on a core that would
// otherwise idle (SCHED_IDLE on Linux), so that whatever else wants the
// core, in this process or another, runs first, and is woken onto it at
// once. Without privileges it cannot be undone: the caller must not need
// the thread's work done at any priority. Errors are ignored.
void run_this_thread_when_idle();

} // namespace hasher::util
