package io.canarymesh.apiserver.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate with the private key of its subject. */
record KeyedCertificate(X509Certificate certificate, PrivateKey key) {}
