#include <hasher/cli/run.hpp>

int main(int argc, char** argv) { return hasher::cli::run(argc, argv); }
