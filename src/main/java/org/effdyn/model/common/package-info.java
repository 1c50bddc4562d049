/**
 * Mathematics shared by the model packages, written once: the activation family
 * {@link org.effdyn.model.common.Activation} (card spellings, σ, σ', σ'' and the scalar functions erf,
 * sigmoid, softplus) and the stable {@link org.effdyn.model.common.Softmax}. Depends on core only; every
 * other model package may use it, it uses none of them.
 */
package org.effdyn.model.common;
