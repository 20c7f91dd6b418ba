#pragma once

// What `top -H`, `ps -L`, perf and debuggers call a thread.

namespace hasher::util {

// Names the calling thread (`name` up to 15 characters; longer is cut).
// Errors are ignored: a name only helps whoever watches the process.
void name_this_thread(const char* name);

} // namespace hasher::util
