// Constant 'fc2_act.alpha': ap_fixed<14,-5,AP_RND_CONV,AP_SAT>, shape []; value = raw * 2^-19.
// Raws of the format, emitted by Etch; the kernels reinterpret them (etch::from_raw).
#ifndef ETCH_braggnn_fc2_act_alpha_H
#define ETCH_braggnn_fc2_act_alpha_H

static const short fc2_act_alpha[1] = {
    5243,
};

#endif
