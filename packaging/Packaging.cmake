# Desktop integration, manual pages, the copyright file and the Debian package (CPack DEB). `cpack -G DEB` in the build tree writes
# latentlab_<version>_<arch>.deb: latentlab, latentlab-cli and latentlab-render in /usr/bin, the .desktop
# entry, the icon, the AppStream metainfo and the docs. Shared-library dependencies come from
# dpkg-shlibdeps; libopenblas0-openmp (the BLAS torch must use, docs/design/build.md#blas-choice) and the Qt platform plugins
# are added explicitly because no binary links them by name.
install(FILES ${CMAKE_SOURCE_DIR}/packaging/latentlab.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/resources/latentlab.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/io.github.latentlab.LatentLab.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Debian's machine-readable copyright file, where Debian looks for it: /usr/share/doc/PACKAGE/copyright
# (the project is GPL-3+, LICENSE holds the text).
install(FILES ${CMAKE_SOURCE_DIR}/packaging/debian/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/latentlab)
# Manual pages generated from the programs' own --help texts at build time, so they cannot drift.
set(LATENTLAB_MAN_DIR ${CMAKE_BINARY_DIR}/man)
add_custom_command(
  OUTPUT ${LATENTLAB_MAN_DIR}/latentlab.1.gz ${LATENTLAB_MAN_DIR}/latentlab-cli.1.gz
  COMMAND ${CMAKE_SOURCE_DIR}/packaging/make-manpages.sh $<TARGET_FILE:latentlab-cli> $<TARGET_FILE:latentlab> ${LATENTLAB_MAN_DIR}
  # latentlab-render too: the page of `latentlab-cli render` is its --help (a fresh parallel build raced it).
  DEPENDS latentlab-cli latentlab latentlab-render ${CMAKE_SOURCE_DIR}/packaging/make-manpages.sh
  COMMENT "Generating the manual pages from --help")
add_custom_target(latentlab_manpages ALL DEPENDS ${LATENTLAB_MAN_DIR}/latentlab.1.gz ${LATENTLAB_MAN_DIR}/latentlab-cli.1.gz)
install(FILES ${LATENTLAB_MAN_DIR}/latentlab.1.gz ${LATENTLAB_MAN_DIR}/latentlab-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/packaging/slurm DESTINATION ${CMAKE_INSTALL_DATADIR}/latentlab USE_SOURCE_PERMISSIONS)
# Bundled demo runs: the GUI finds them at ../share/latentlab/models next to its binary.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/models/ DESTINATION ${CMAKE_INSTALL_DATADIR}/latentlab/models)

set(CPACK_PACKAGE_NAME latentlab)
set(CPACK_PACKAGE_VENDOR "The LatentLab developers")
set(CPACK_PACKAGE_CONTACT "The LatentLab developers <latentlab@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libgif7: the animated exports (dpkg-shlibdeps finds it too; named so the list says what the package needs).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-openmp, qt6-qpa-plugins, libgif7")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xvfb")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Desktop lab for disentangled representation learning
 Trains or loads Modular AutoEncoders with their Relational Learner, the WCCI'22
 baseline and beta-VAE ensembles; explores latent partitions and relations; compares
 channels by information content; computes DCI, MIG and SAP. Includes latentlab-cli
 for headless training, evaluation and figure rendering.")
include(CPack)
