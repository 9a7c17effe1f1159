/**
 * Reading uploaded distribution files safely, with no knowledge of HTTP or storage.
 *
 * <ul>
 *   <li>{@link dev.cheeseshop.dist.WheelFilename} parses wheel filenames as packaging does;
 *   <li>{@link dev.cheeseshop.dist.CoreMetadata} reads METADATA / PKG-INFO as Python's
 *       {@code email.parser} does;
 *   <li>{@link dev.cheeseshop.dist.DistInspector} checks a wheel or sdist archive (bombs, parser
 *       differentials, unsafe names, layout) and returns the metadata bytes, under
 *       {@link dev.cheeseshop.dist.Limits};
 *   <li>every refusal is a {@link dev.cheeseshop.dist.DistProblem} with a closed
 *       {@link dev.cheeseshop.dist.DistProblem.Kind} and PyPI's message where PyPI has one.
 * </ul>
 *
 * <p>Rules that need the project, the release or the upload form (name and version against the
 * metadata, platform tags, License-File presence, entry point syntax) belong to the upload
 * validation built on top of this package; the results expose what those rules need.
 */
package dev.cheeseshop.dist;
