// Constant 'logits.bias': ap_fixed<16,-1,AP_RND_CONV,AP_SAT>, shape [5]; value = raw * 2^-17.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_lattice_classifier_logits_bias_H
#define ETCH_lattice_classifier_logits_bias_H

static const short logits_bias[5] = {
    -13493, 3535, -11160, 11502, 19259,
};

#endif
