/**
 * The model registry: card names ({@code pca}, ...) mapped to factories that build validated model
 * records from scenario parameters. Each model lives in its own sub-package with its paper's
 * equations, simulator and known results.
 */
package org.effdyn.model;
