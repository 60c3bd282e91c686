# Two pluggable SMMUv3 instances on two pcie-expander-bus controllers: the
# guest starts with the real QEMU, and QOM shows each instance attached to
# the bus its pciBus names, with QEMU's defaults for everything else.
scenario() {
    local dom=e2e-smmuv3-pluggable xml
    require_schema_attr pciBus || return
    xml=$(domain_xml smmuv3-pluggable)
    virsh define "$xml" || return 1
    vsession "start $dom" "domstate --reason $dom" \
             "$(qom_get_cmd "$dom" /machine/peripheral/iommu0 primary-bus)" \
             "$(qom_get_cmd "$dom" /machine/peripheral/iommu1 primary-bus)" \
             "$(qom_get_cmd "$dom" /machine/peripheral/iommu1 accel)" \
             "destroy $dom" "domstate $dom"
    expect_no_errors || return 1
    expect_eq "state after start" "running (booted)" "${VOUT[1]}" || return 1
    # The link points at the bus the pxb-pcie device 'pci.N' creates.
    expect_match "iommu0 primary-bus" '"/machine/*/pci.1"' \
        "$(qmp_return "${VOUT[2]}")" || return 1
    expect_match "iommu1 primary-bus" '"/machine/*/pci.2"' \
        "$(qmp_return "${VOUT[3]}")" || return 1
    expect_eq "iommu1 accel (QEMU default)" 'false' "$(qmp_return "${VOUT[4]}")" || return 1
    expect_eq "state after destroy" "shut off" "${VOUT[6]}" || return 1
    expect_cleaned_up "$dom" || return 1
    virsh undefine --nvram "$dom" || return 1
}
