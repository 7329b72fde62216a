#ifndef STATUTE_CLIBYAML_SHIM_H
#define STATUTE_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
