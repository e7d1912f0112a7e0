// A stable id of a model's exact weights, used to key cached embeddings and scores.
#pragma once

#include <string>

#include "model/model_files.h"

namespace xun::model {

// 32 lowercase hex digits: XXH3-128 over every tensor (canonical name, dtype, shape and bytes,
// in name order), the kind and the config numbers that change the computation. The same
// weights give the same id whichever file they come from only if dtype and bytes agree too.
std::string compute_fingerprint(const ModelFiles& model);

}  // namespace xun::model
