#include "api/prompts.h"

namespace xun::prompts {

std::string embedding_query(std::string_view instruction, std::string_view query) {
  std::string text = "Instruct: ";
  text += instruction;
  text += "\nQuery:";
  text += query;
  return text;
}

std::string reranker_shared_head(std::string_view instruction, std::string_view query) {
  std::string text = "<Instruct>: ";
  text += instruction;
  text += "\n<Query>: ";
  text += query;
  text += "\n<Document>:";
  return text;
}

std::string reranker_document_part(std::string_view document) {
  std::string text = " ";
  text += document;
  return text;
}

std::string reranker_middle(std::string_view instruction, std::string_view query, std::string_view document) {
  return reranker_shared_head(instruction, query) + reranker_document_part(document);
}

}  // namespace xun::prompts
