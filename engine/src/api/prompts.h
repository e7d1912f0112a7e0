// The exact input formats of Qwen3-Embedding and Qwen3-Reranker.
#pragma once

#include <string>
#include <string_view>

namespace xun::prompts {

// "Instruct: {task}\nQuery:{query}" (no space after "Query:"), as Qwen3-Embedding's model card.
std::string embedding_query(std::string_view instruction, std::string_view query);

// Appended to every embedding input; its final hidden state is the embedding.
inline constexpr std::string_view end_of_text = "<|endoftext|>";

// Qwen3-Reranker: prefix + middle + suffix, each tokenized on its own as the official code does.
inline constexpr std::string_view reranker_prefix =
    "<|im_start|>system\nJudge whether the Document meets the requirements based on the Query and the "
    "Instruct provided. Note that the answer can only be \"yes\" or \"no\".<|im_end|>\n<|im_start|>user\n";
inline constexpr std::string_view reranker_suffix = "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n";
std::string reranker_middle(std::string_view instruction, std::string_view query, std::string_view document);

// The middle cut in two for prefix sharing: "...<Document>:" and " {document}". The cut lies
// between ':' and a space, where the Qwen2 split regex always ends one piece and starts the
// next, so tokenizing the parts separately gives exactly the ids of the whole.
std::string reranker_shared_head(std::string_view instruction, std::string_view query);
std::string reranker_document_part(std::string_view document);

inline constexpr std::string_view yes_token = "yes";
inline constexpr std::string_view no_token = "no";

}  // namespace xun::prompts
