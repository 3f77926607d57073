// Compiles Boost.URL into http_request_lib: Debian's Boost 1.81 ships its headers but no library.
#include <boost/url/src.hpp>
