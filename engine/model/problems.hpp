// problems.hpp — validation problems and warnings: a JSON pointer and a sentence, never an exception.
#pragma once

#include <string>
#include <vector>

namespace tcoscope {

struct Problem {
  std::string path;     // JSON pointer into the scenario, e.g. "/workload/input_share"
  std::string message;  // what was given and what is accepted
  std::string code;     // a stable code for the few problems a page reacts to ("does_not_fit"); usually empty
  bool operator==(const Problem&) const = default;
};

using Problems = std::vector<Problem>;

// "path: message", the form the CLI prints on stderr.
inline std::string to_string(const Problem& p) {
  return (p.path.empty() ? std::string("/") : p.path) + ": " + p.message;
}

}  // namespace tcoscope
