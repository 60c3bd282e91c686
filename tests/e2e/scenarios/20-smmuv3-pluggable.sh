# Two pluggable SMMUv3 instances on two pcie-expander-bus controllers: the
# guest starts with the real QEMU, and QOM shows each instance attached to
# its bus with the properties libvirt set (and QEMU's default where the XML
# left an attribute out).
scenario() {
    local dom=e2e-smmuv3-pluggable xml p
    require_schema_attr pciBus || return
    xml=$(domain_xml smmuv3-pluggable)
    virsh define "$xml" || return 1
    local cmds=("start $dom" "domstate --reason $dom")
    for p in primary-bus accel ats ril ssidsize oas cmdqv; do
        cmds+=("$(qom_get_cmd "$dom" /machine/peripheral/iommu0 "$p")")
    done
    cmds+=("$(qom_get_cmd "$dom" /machine/peripheral/iommu1 primary-bus)"
           "$(qom_get_cmd "$dom" /machine/peripheral/iommu1 ats)"
           "destroy $dom" "domstate $dom")
    vsession "${cmds[@]}"
    expect_no_errors || return 1
    expect_eq "state after start" "running (booted)" "${VOUT[1]}" || return 1
    # The link points at the bus the pxb-pcie device 'pci.1' creates.
    expect_match "iommu0 primary-bus" '"/machine/*/pci.1"' \
        "$(qmp_return "${VOUT[2]}")" || return 1
    expect_eq "iommu0 accel" 'false' "$(qmp_return "${VOUT[3]}")" || return 1
    expect_eq "iommu0 ats" '"off"' "$(qmp_return "${VOUT[4]}")" || return 1
    expect_eq "iommu0 ril" '"on"' "$(qmp_return "${VOUT[5]}")" || return 1
    expect_eq "iommu0 ssidsize" '"0"' "$(qmp_return "${VOUT[6]}")" || return 1
    expect_eq "iommu0 oas" '"44"' "$(qmp_return "${VOUT[7]}")" || return 1
    expect_eq "iommu0 cmdqv (not set, QEMU default)" '"auto"' "$(qmp_return "${VOUT[8]}")" || return 1
    expect_match "iommu1 primary-bus" '"/machine/*/pci.2"' \
        "$(qmp_return "${VOUT[9]}")" || return 1
    expect_eq "iommu1 ats (not set, QEMU default)" '"auto"' "$(qmp_return "${VOUT[10]}")" || return 1
    expect_eq "state after destroy" "shut off" "${VOUT[12]}" || return 1
    expect_cleaned_up "$dom" || return 1
    virsh undefine --nvram "$dom" || return 1
}
