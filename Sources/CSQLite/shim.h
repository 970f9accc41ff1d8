#ifndef SITBREAK_CSQLITE_SHIM_H
#define SITBREAK_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
