package io.canarymesh.apiserver.table;

import static io.canarymesh.apiserver.table.TableFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelTextTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          {}                                  | <none>
          null                                | <none>
          {app: micro-api}                    | app=micro-api
          {version: v1, app: micro-api}       | app=micro-api,version=v1
          {istio: ingressgateway, app: istio-ingressgateway} | app=istio-ingressgateway,istio=ingressgateway
          """)
  void formatLabels(String labels, String expected) {
    assertThat(LabelText.formatLabels(yaml(labels))).isEqualTo(expected);
  }

  /** Selector text as Deployment's SELECTOR cell (empty stays empty) and as FormatLabelSelector. */
  @ParameterizedTest(name = "{0} → ''{1}'' / ''{2}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          {}                                                      | ``                        | <none>
          {matchLabels: {}}                                       | ``                        | <none>
          {matchLabels: {app: micro-api}}                         | app=micro-api             | app=micro-api
          {matchLabels: {version: v2, app: micro-api}}            | app=micro-api,version=v2  | app=micro-api,version=v2
          {matchExpressions: [{key: track, operator: In, values: [stable, canary]}]} | track in (canary,stable) | track in (canary,stable)
          {matchExpressions: [{key: env, operator: NotIn, values: [prod]}]} | env notin (prod) | env notin (prod)
          {matchExpressions: [{key: b, operator: Exists}, {key: a, operator: DoesNotExist}]} | !a,b | !a,b
          {matchLabels: {z: '1'}, matchExpressions: [{key: a, operator: Exists}]} | a,z=1 | a,z=1
          """)
  void selectors(String selector, String text, String formatted) {
    assertThat(LabelText.selector(yaml(selector))).hasValue(text);
    assertThat(LabelText.formatSelector(yaml(selector))).isEqualTo(formatted);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock = "{matchExpressions: [{key: a, operator: Like, values: [x]}]}")
  void unknownOperatorIsAnError(String selector) {
    assertThat(LabelText.selector(yaml(selector))).isEmpty();
    assertThat(LabelText.formatSelector(yaml(selector))).isEqualTo("<error>");
  }
}
