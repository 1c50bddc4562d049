package org.effdyn.model.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.card.ModelRegistry;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.junit.jupiter.api.Test;

/** The {@code generic} card model: params to law, loss, options and start; errors name the field. */
class GenericModelTest {
  static Map<String, Object> tanhCard() {
    Map<String, Object> m = new HashMap<>();
    m.put("nbar", List.of(List.of(1.0, 0.4), List.of(0.4, 1.0)));
    m.put("means", List.of(List.of(1, 0), List.of(-1, 0), List.of(0, 1)));
    m.put("probs", List.of(0.3, 0.3, 0.4));
    m.put("labels", List.of(1, 1, -1));
    m.put("lambda", 3);
    m.put("loss", "squared");
    m.put("activation", "tanh");
    m.put("hidden", 3);
    m.put("head", List.of(0.8, -0.6, 0.5));
    m.put("beta", 0.02);
    m.put("c_delta", 0.8);
    m.put("m0", List.of(List.of(0.6, -0.3), List.of(-0.4, 0.5), List.of(0.2, 0.4)));
    m.put("rperp0", List.of(List.of(1, 0, 0), List.of(0, 1, 0), List.of(0, 0, 1)));
    m.put("quadrature", "gauss-hermite");
    m.put("quadrature_nodes", 16);
    return m;
  }

  static Model create(Map<String, Object> params) {
    return ModelRegistry.get("generic").create(params);
  }

  static Map<String, Object> with(String key, Object value) {
    Map<String, Object> m = tanhCard();
    if (value == null) m.remove(key); else m.put(key, value);
    return m;
  }

  @Test
  void theCardIsTheTanhNetwork() {
    GenericModel card = (GenericModel) create(tanhCard());
    GenericModel java = TanhNetwork.model();
    assertThat(card.law().toString()).isEqualTo(java.law().toString()); // LabelModel.PerClass has no equals
    assertThat(card.options()).isEqualTo(java.options());
    assertThat(card.start()).isEqualTo(java.start());
    assertThat(card.loss().toString()).isEqualTo(java.loss().toString());
    double[] u = java.start().limitState(java.statistics());
    double[] h1 = new double[u.length], h2 = new double[u.length];
    card.limit(Regime.BALLISTIC).drift(u, h1);
    java.limit(Regime.BALLISTIC).drift(u, h2);
    assertThat(h1).containsExactly(h2);
    assertThat(card.initialLaw(Regime.BALLISTIC).layout().names()).hasSize(15);
    assertThat(card.chartColumns(Regime.BALLISTIC)).containsExactly("m[1,1]", "m[1,2]", "m[2,1]", "m[2,2]", "m[3,1]", "m[3,2]",
        "theta[1]", "theta[2]", "theta[3]", "tr_Rperp");
    assertThat(card.parameters()).containsEntry("time", "bgj").containsEntry("train_head", true);
  }

  @Test
  void defaultsAndVariants() {
    // softmax: one output per class, one-hot labels, no head, identity nbar, uniform weights
    Map<String, Object> sm = new HashMap<>();
    sm.put("means", List.of(List.of(1, 0), List.of(0, 1)));
    sm.put("lambda", ".inf");
    sm.put("loss", "softmax");
    sm.put("beta", 0.1);
    GenericModel g = (GenericModel) create(sm);
    assertThat(g.loss().p()).isEqualTo(2);
    assertThat(g.loss().k0()).isZero();
    assertThat(g.law().probs()).containsExactly(0.5, 0.5);
    assertThat(g.law().noiseless()).isTrue();
    // the initial law is the d -> inf start: m = 0, R_perp = sigma_w^2 I
    double[] u = new double[g.statistics().size()];
    g.initialLaw(Regime.BALLISTIC).sample(null, u);
    assertThat(u[g.statistics().rperp(1, 1)]).isEqualTo(1.0);
    assertThat(u[g.statistics().m(0, 1)]).isZero();
    // fixed head: k0 = 0; teacher-student time
    GenericModel f = (GenericModel) create(with("train_head", false));
    assertThat(f.loss().k0()).isZero();
    assertThat(((NetworkLoss) f.loss()).fixedHead()).containsExactly(0.8, -0.6, 0.5);
    Map<String, Object> ts = with("time", "teacher-student");
    ts.put("c_theta", 0.4);
    GenericModel t = (GenericModel) create(ts);
    assertThat(t.options().timeFactor()).isEqualTo(0.8);
    assertThat(t.options().cTheta()).isEqualTo(0.4);
    assertThat(t.simulator(100, Regime.BALLISTIC).timePerStep()).isEqualTo(0.01);
  }

  @Test
  void errorsNameTheFieldAndListTheKnownNames() {
    assertThatThrownBy(() -> create(with("loss", "mse"))).hasMessageContaining("params.loss")
        .hasMessageContaining("softmax, squared, logistic, hinge");
    assertThatThrownBy(() -> create(with("activation", "swish"))).hasMessageContaining("params.activation")
        .hasMessageContaining("erf, tanh, relu, sigmoid, linear");
    assertThatThrownBy(() -> create(with("time", "steps"))).hasMessageContaining("params.time")
        .hasMessageContaining("bgj, teacher-student");
    assertThatThrownBy(() -> create(with("quadrature", "simpson"))).hasMessageContaining("params.quadrature")
        .hasMessageContaining("auto, gauss-hermite, rqmc");
    assertThatThrownBy(() -> create(with("form", "hybrid"))).hasMessageContaining("params.form")
        .hasMessageContaining("regression, direct, stein");
    assertThatThrownBy(() -> create(with("root", "cholesky"))).hasMessageContaining("params.root")
        .hasMessageContaining("equalized, symmetric, principal");
    assertThatThrownBy(() -> create(with("colour", "red"))).hasMessageContaining("params.colour");
    assertThatThrownBy(() -> create(with("labels", List.of(1, 1)))).hasMessageContaining("params.labels")
        .hasMessageContaining("one entry per class (3)");
    assertThatThrownBy(() -> create(with("labels", null))).hasMessageContaining("params.labels");
    assertThatThrownBy(() -> create(with("hidden", null))).hasMessageContaining("params.hidden");
    assertThatThrownBy(() -> create(with("head", List.of(1, 2)))).hasMessageContaining("params.head")
        .hasMessageContaining("p = 3");
    assertThatThrownBy(() -> create(with("probs", List.of(0.5, 0.3, 0.4)))).hasMessageContaining("params.probs");
    assertThatThrownBy(() -> create(with("nbar", List.of(List.of(1, 2), List.of(2, 1))))).hasMessageContaining("params.nbar");
    assertThatThrownBy(() -> create(with("lambda", -1))).hasMessageContaining("params.lambda");
    assertThatThrownBy(() -> create(with("m0", List.of(List.of(1, 2))))).hasMessageContaining("params.m0");
    // the diffusive regime starts at m = 0: a planted m0 is refused by name
    assertThatThrownBy(() -> create(with("activation", "relu")).initialLaw(Regime.DIFFUSIVE))
        .hasMessageContaining("params.m0").hasMessageContaining("diffusive");
    assertThatThrownBy(() -> create(with("activation", "relu")).simulator(100, Regime.DIFFUSIVE))
        .hasMessageContaining("params.m0");
    Map<String, Object> hinge = with("loss", "hinge");
    assertThatThrownBy(() -> create(hinge)).hasMessageContaining("hinge needs activation linear");
  }
}
