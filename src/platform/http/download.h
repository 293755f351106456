// A response the browser saves as a file: the body, its type, and a Content-Disposition naming
// the file (RFC 6266: an ASCII fallback in filename= and the exact UTF-8 name in filename*=), so
// a name taken from data (a school's id, an uploaded file's name) can never break the header.
#pragma once

#include <string>
#include <string_view>

#include "platform/http/response.h"

namespace lodestar::http {

// The Content-Disposition value for an attachment named `filename`.
std::string attachment_disposition(std::string_view filename);

Response download(std::string body, std::string_view content_type, std::string_view filename);

}  // namespace lodestar::http
