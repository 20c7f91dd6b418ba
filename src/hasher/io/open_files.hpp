#pragma once

// How many files the process may hold open. A copy keeps every written,
// not yet named temp open until its batch is committed, and hashing side by
// side keeps more copies in flight; the soft limit (1024 on many systems)
// is raised towards the hard one so that a deep window fits.

#include <cstdint>

namespace hasher::io {

// Raises the soft limit on open files to the hard limit (at most 65,536)
// and returns the soft limit now in force.
std::uint64_t raise_open_file_limit();

} // namespace hasher::io
