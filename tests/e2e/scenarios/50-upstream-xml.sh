# scripts/upstream-xml rewrites a persistent definition that uses this
# series' own 'auto' values into XML upstream libvirt accepts, through
# virsh; the rewritten domain still starts and QEMU still resolves every
# feature the same way ('auto', its default).
scenario() {
    local dom=e2e-smmuv3-auto xml out
    require_schema_text 'virOnOffAuto' || return
    xml=$(domain_xml smmuv3-auto)
    virsh define "$xml" || return 1
    VIRSH="timeout 60 ${VIRSH_CMD[*]} -q -c qemu:///embed?root=$ROOT" \
        "$TOP/scripts/upstream-xml" --virsh "$dom" || return 1
    out=$(virsh dumpxml --inactive "$dom") || return 1
    expect_match "rewritten definition" "*<driver pciBus='1'/>*" "$out" || return 1
    vsession "start $dom" "$(qom_get_cmd "$dom" /machine/peripheral/iommu0 ats)" \
             "destroy $dom"
    expect_no_errors || return 1
    expect_eq "iommu0 ats" '"auto"' "$(qmp_return "${VOUT[1]}")" || return 1
    expect_cleaned_up "$dom" || return 1
    virsh undefine --nvram "$dom" || return 1
}
