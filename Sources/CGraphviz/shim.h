#ifndef STATUTE_CGRAPHVIZ_SHIM_H
#define STATUTE_CGRAPHVIZ_SHIM_H
// Graphviz's C library (Debian `libgraphviz-dev`, pkg-config `libgvc`), used only by the
// server's status console to draw a policy's lifecycle as SVG (docs/service.md).
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#endif
