// Etch testbench helpers: frames in from .npy or text files, outputs out in the same form.
// Written for Etch; raws are printed as integers and values with printf, never through
// ap_fixed's stream printing.
#ifndef ETCH_TB_H
#define ETCH_TB_H

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace etch_tb {

inline bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The value of `key` in an .npy header dictionary, up to the next ',' or '}' outside
// parentheses and quotes.
inline std::string npy_field(const std::string& header, const std::string& key) {
  const size_t at = header.find("'" + key + "'");
  if (at == std::string::npos) return "";
  size_t i = header.find(':', at);
  if (i == std::string::npos) return "";
  std::string value;
  int depth = 0;
  for (i = i + 1; i < header.size(); i++) {
    const char c = header[i];
    if (c == '(') depth++;
    if (c == ')') depth--;
    if (depth == 0 && (c == ',' || c == '}')) break;
    if (c != ' ' && c != '\'') value += c;
  }
  return value;
}

// Reads an .npy file of little-endian float32 or float64 values in C order, as float32.
inline bool read_npy(const std::string& path, std::vector<float>& values, std::string& error) {
  FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    error = "cannot open the file";
    return false;
  }
  unsigned char prefix[10];
  bool ok = std::fread(prefix, 1, 10, file) == 10 && std::memcmp(prefix, "\x93NUMPY", 6) == 0;
  size_t length = prefix[8] | (prefix[9] << 8);
  if (ok && prefix[6] >= 2) {
    unsigned char more[2];
    ok = std::fread(more, 1, 2, file) == 2;
    length |= (size_t)more[0] << 16 | (size_t)more[1] << 24;
  }
  std::string header(length, ' ');
  ok = ok && std::fread(&header[0], 1, length, file) == length;
  const std::string descr = npy_field(header, "descr");
  const std::string shape = npy_field(header, "shape");
  if (!ok || npy_field(header, "fortran_order") != "False" || shape.empty() ||
      (descr != "<f4" && descr != "<f8")) {
    std::fclose(file);
    error = "not an .npy file of '<f4' or '<f8' values in C order";
    return false;
  }
  size_t count = 1;
  for (size_t i = 0; i < shape.size();) {
    if (shape[i] >= '0' && shape[i] <= '9') {
      count *= std::strtoul(shape.c_str() + i, 0, 10);
      while (i < shape.size() && shape[i] >= '0' && shape[i] <= '9') i++;
    } else {
      i++;
    }
  }
  values.resize(count);
  if (descr == "<f4") {
    ok = count == 0 || std::fread(&values[0], 4, count, file) == count;
  } else {
    std::vector<double> wide(count);
    ok = count == 0 || std::fread(&wide[0], 8, count, file) == count;
    for (size_t i = 0; i < count; i++) values[i] = (float)wide[i];
  }
  std::fclose(file);
  if (!ok) error = "the file ends before its data";
  return ok;
}

// Reads whitespace-separated numbers (one frame per line, by convention) as float32.
inline bool read_text(const std::string& path, std::vector<float>& values, std::string& error) {
  FILE* file = std::fopen(path.c_str(), "r");
  if (!file) {
    error = "cannot open the file";
    return false;
  }
  char token[128];
  while (std::fscanf(file, "%127s", token) == 1) {
    char* end = 0;
    const float value = std::strtof(token, &end);
    if (*end != '\0') {
      std::fclose(file);
      error = std::string("'") + token + "' is not a number";
      return false;
    }
    values.push_back(value);
  }
  std::fclose(file);
  return true;
}

// Reads an input file: .npy by its extension, text otherwise.
inline bool read_values(const std::string& path, std::vector<float>& values, std::string& error) {
  return ends_with(path, ".npy") ? read_npy(path, values, error) : read_text(path, values, error);
}

// Writes an .npy file (version 1.0) of `count` items of `size` bytes with type `descr`.
inline bool write_npy(const std::string& path, const char* descr, const void* data, size_t size,
                      size_t count, const std::vector<long>& shape) {
  std::string header = std::string("{'descr': '") + descr;
  header += "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < shape.size(); i++) {
    char number[32];
    std::snprintf(number, sizeof number, "%ld,", shape[i]);
    header += number;
    if (i + 1 < shape.size()) header += " ";
  }
  header += "), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return false;
  const unsigned char prefix[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                                    (unsigned char)(header.size() & 0xff),
                                    (unsigned char)(header.size() >> 8)};
  bool ok = std::fwrite(prefix, 1, 10, file) == 10 &&
            std::fwrite(header.data(), 1, header.size(), file) == header.size() &&
            (count == 0 || std::fwrite(data, size, count, file) == count);
  return std::fclose(file) == 0 && ok;
}

// Writes raws as text: `per_frame` integers per line.
inline bool write_text(const std::string& path, const std::vector<long long>& raws,
                       size_t per_frame) {
  FILE* file = std::fopen(path.c_str(), "w");
  if (!file) return false;
  for (size_t i = 0; i < raws.size(); i++) {
    std::fprintf(file, (i + 1) % per_frame == 0 ? "%lld\n" : "%lld ", raws[i]);
  }
  return std::fclose(file) == 0;
}

// Writes values as text: `per_frame` decimals per line, each exact up to 17 digits.
inline bool write_text(const std::string& path, const std::vector<double>& values,
                       size_t per_frame) {
  FILE* file = std::fopen(path.c_str(), "w");
  if (!file) return false;
  for (size_t i = 0; i < values.size(); i++) {
    std::fprintf(file, (i + 1) % per_frame == 0 ? "%.17g\n" : "%.17g ", values[i]);
  }
  return std::fclose(file) == 0;
}

// Writes one output as `prefix + name + ".raw.npy"` (int64 raws) and `".npy"` (float64
// values), or `.raw.txt` and `.txt`.
inline bool write_output(const std::string& prefix, const std::string& name, bool npy,
                         const std::vector<long long>& raws, const std::vector<double>& values,
                         const std::vector<long>& shape) {
  size_t per_frame = 1;
  for (size_t i = 1; i < shape.size(); i++) per_frame *= shape[i];
  if (!npy) {
    return write_text(prefix + name + ".raw.txt", raws, per_frame) &&
           write_text(prefix + name + ".txt", values, per_frame);
  }
  return write_npy(prefix + name + ".raw.npy", "<i8", raws.data(), 8, raws.size(), shape) &&
         write_npy(prefix + name + ".npy", "<f8", values.data(), 8, values.size(), shape);
}

}  // namespace etch_tb

#endif
