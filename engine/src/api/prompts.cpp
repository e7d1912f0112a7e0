#include "api/prompts.h"

namespace xun::prompts {

std::string embedding_query(std::string_view instruction, std::string_view query) {
  std::string text = "Instruct: ";
  text += instruction;
  text += "\nQuery:";
  text += query;
  return text;
}

std::string reranker_middle(std::string_view instruction, std::string_view query, std::string_view document) {
  std::string text = "<Instruct>: ";
  text += instruction;
  text += "\n<Query>: ";
  text += query;
  text += "\n<Document>: ";
  text += document;
  return text;
}

}  // namespace xun::prompts
