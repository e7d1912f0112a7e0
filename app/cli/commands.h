// The commands of `xun`. Each returns the process exit code (see ExitCode in output.h) and
// prints its own errors, one line each, on standard error.
#pragma once

#include "arguments.h"

namespace xun::cli {

int run_devices(const Arguments& arguments);
int run_tokenize(const Arguments& arguments);
int run_embed(const Arguments& arguments);
int run_rerank(const Arguments& arguments);
int run_index(const Arguments& arguments);
int run_search(const Arguments& arguments);
int run_status(const Arguments& arguments);
int run_synth_model(const Arguments& arguments);
int run_bench(const Arguments& arguments);

}  // namespace xun::cli
