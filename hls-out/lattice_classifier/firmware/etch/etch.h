// Etch kernel library: every kernel the emitted firmware calls.
#ifndef ETCH_H
#define ETCH_H

#include "etch_types.h"
#include "etch_dense.h"
#include "etch_conv.h"
#include "etch_pool.h"
#include "etch_elementwise.h"
#include "etch_softmax.h"
#include "etch_layout.h"
#include "etch_stream.h"

#endif
