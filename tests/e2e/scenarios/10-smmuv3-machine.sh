# A TCG aarch64 'virt' guest with UEFI and the machine-wide SMMUv3 starts,
# QEMU reports the IOMMU over QMP, and destroy leaves nothing behind.
scenario() {
    local dom=e2e-smmuv3-machine xml
    xml=$(domain_xml smmuv3-machine)
    virsh define "$xml" || return 1
    vsession "start $dom" \
             "domstate --reason $dom" \
             "$(qom_get_cmd "$dom" /machine iommu)" \
             "destroy $dom" \
             "domstate $dom"
    expect_no_errors || return 1
    expect_eq "state after start" "running (booted)" "${VOUT[1]}" || return 1
    expect_eq "qom-get /machine iommu" '"smmuv3"' "$(qmp_return "${VOUT[2]}")" || return 1
    expect_eq "state after destroy" "shut off" "${VOUT[4]}" || return 1
    expect_cleaned_up "$dom" || return 1
    virsh undefine --nvram "$dom" || return 1
}
