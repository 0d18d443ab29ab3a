// problems.hpp — validation problems and warnings: a JSON pointer and a sentence, never an exception.
#pragma once

#include <string>
#include <vector>

namespace llmtco {

struct Problem {
  std::string path;     // JSON pointer into the scenario, e.g. "/workload/input_share"
  std::string message;  // what was given and what is accepted
  bool operator==(const Problem&) const = default;
};

using Problems = std::vector<Problem>;

// "path: message", the form the CLI prints on stderr.
inline std::string to_string(const Problem& p) { return (p.path.empty() ? std::string("/") : p.path) + ": " + p.message; }

}  // namespace llmtco
